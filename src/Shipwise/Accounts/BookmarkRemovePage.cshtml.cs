using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shipwise.Accounts;

/// <summary>POST /bookmarks/remove: removes one of the reader's own bookmarks (removing one that is not there is not an error).</summary>
[Authorize]
[PersonalPage]
public sealed class BookmarkRemovePageModel(BookmarkQueries bookmarks) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/bookmarks");

    public async Task<IActionResult> OnPostAsync(string? kind, string? target, string? returnUrl, CancellationToken cancellationToken)
    {
        if (Reader.AccountId(User) is not { } accountId)
        {
            return Challenge();
        }

        if (kind is not (BookmarkKind.Tool or BookmarkKind.Compare) || string.IsNullOrWhiteSpace(target))
        {
            return BadRequest();
        }

        await bookmarks.RemoveAsync(accountId, kind, target.Trim(), cancellationToken);
        return LocalRedirect(SignInPageModel.LocalReturnUrl(returnUrl) ?? "/bookmarks");
    }
}
