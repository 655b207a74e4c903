using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>/operator: the index of operator-only tools. Anonymous readers are sent to sign in; signed-in readers without the role get a 403.</summary>
[Authorize(Policy = Reader.OperatorPolicy)]
[PersonalPage]
public sealed class OperatorPageModel(AccountStore accounts) : PageModel
{
    public const int Listed = 50;

    public IReadOnlyList<AccountSummary> Newest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Newest = await accounts.NewestAsync(Listed, cancellationToken);
        ViewData["Meta"] = new PageMeta("Operator tools", "Tools for the operators of this Shipwise site.", "/operator") { NoIndex = true };
    }
}
