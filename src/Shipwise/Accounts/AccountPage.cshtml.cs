using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>/account: the reader's address, their data (bookmarks, export) and the way out (delete).</summary>
[Authorize]
[PersonalPage]
public sealed class AccountPageModel(AccountStore accounts) : PageModel
{
    public Account Account { get; private set; } = null!;

    public bool IsOperator => Reader.IsOperator(User);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Reader.AccountId(User) is not { } id || await accounts.GetAsync(id, cancellationToken) is not { } account)
        {
            return Challenge();
        }

        Account = account;
        ViewData["Meta"] = new PageMeta("Your account", "Your Shipwise account.", "/account") { NoIndex = true };
        return Page();
    }
}
