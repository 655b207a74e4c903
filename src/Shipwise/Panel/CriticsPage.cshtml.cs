using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Panel;

public sealed class CriticsPageModel(CriticCatalog critics) : PageModel
{
    public IReadOnlyList<Core.Panel.Critics.Critic> Critics { get; private set; } = [];

    public void OnGet()
    {
        Critics = critics.All.OrderBy(c => c.Order).ToList();
        ViewData["Meta"] = new PageMeta("The panel", "The seven AI critic personas that review every tool on Shipwise.", "/critics");
    }
}
