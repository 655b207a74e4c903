using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>/bookmarks: "My bookmarks" (GET) and adding one (POST kind, target, returnUrl). Only ever the signed-in reader's own.</summary>
[Authorize]
[PersonalPage]
public sealed class BookmarksPageModel(BookmarkQueries bookmarks) : PageModel
{
    public IReadOnlyList<Bookmark> Items { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? kind, string? target, string? returnUrl, CancellationToken cancellationToken)
    {
        if (Reader.AccountId(User) is not { } accountId)
        {
            return Challenge();
        }

        var resolved = await bookmarks.ResolveAsync(kind, target, cancellationToken);
        if (!resolved.IsValid)
        {
            return await RefuseAsync(resolved.Problem!, cancellationToken);
        }

        if (!await bookmarks.AddAsync(accountId, resolved, cancellationToken))
        {
            return await RefuseAsync($"You have {BookmarkQueries.MaxPerAccount} bookmarks, the most one account can keep. Remove some to add more.", cancellationToken);
        }

        return LocalRedirect(SignInPageModel.LocalReturnUrl(returnUrl) ?? "/bookmarks");
    }

    private async Task<IActionResult> RefuseAsync(string problem, CancellationToken cancellationToken)
    {
        Error = $"Nothing was bookmarked: {problem}";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Items = Reader.AccountId(User) is { } accountId ? await bookmarks.ListAsync(accountId, cancellationToken) : [];
        ViewData["Meta"] = new PageMeta("My bookmarks", "The tools and comparisons you bookmarked on Shipwise.", "/bookmarks") { NoIndex = true };
    }
}
