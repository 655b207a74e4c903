using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>The delete form, with the error of a post that did not confirm.</summary>
public sealed record DeleteAccountForm(string? Error);

/// <summary>/account/delete: asks for confirmation (GET) and deletes (POST with the box ticked).</summary>
[Authorize]
[PersonalPage]
public sealed class AccountDeletePageModel(AccountStore accounts, Sessions sessions) : PageModel
{
    [BindProperty]
    public bool Confirm { get; set; }

    public string? Error { get; private set; }

    public bool Deleted { get; private set; }

    public void OnGet() => SetMeta();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SetMeta();
        if (Reader.AccountId(User) is not { } id)
        {
            return Challenge();
        }

        if (!Confirm)
        {
            Error = "Tick the box to confirm that the account should be deleted.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await accounts.DeleteAsync(id, cancellationToken);
        sessions.Forget(id);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Deleted = true;
        return Page();
    }

    private void SetMeta() =>
        ViewData["Meta"] = new PageMeta("Delete your account", "Delete your Shipwise account.", "/account/delete") { NoIndex = true };
}
