using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>/signout: a POST ends the session in this browser. A GET only offers the button, so a link or an image cannot sign anyone out.</summary>
[PersonalPage]
public sealed class SignOutPageModel : PageModel
{
    public bool SignedIn => Reader.AccountId(User) is not null;

    public void OnGet() =>
        ViewData["Meta"] = new PageMeta("Sign out", "Sign out of Shipwise.", "/signout") { NoIndex = true };

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        return LocalRedirect("/");
    }
}
