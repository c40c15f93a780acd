using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

/// <summary>OpenID Connect sign-in for people an administrator has added (see <see cref="ExternalSignIn"/>).</summary>
[AllowAnonymous]
public sealed class ExternalLoginModel(
    SignInManager<AppUser> signIn,
    ExternalSignIn accounts,
    AuditLog audit,
    OpenIdConnectSettings oidc) : PageModel
{
    public string? Message { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Account/SignIn");

    public IActionResult OnPost(string? returnUrl)
    {
        if (!oidc.Enabled)
        {
            return NotFound();
        }
        var redirect = Url.Page("/Account/ExternalLogin", "Callback", new { returnUrl });
        var properties = signIn.ConfigureExternalAuthenticationProperties(AuthSetup.OidcScheme, redirect);
        return Challenge(properties, AuthSetup.OidcScheme);
    }

    /// <summary>The provider answered with an error (for example, the person cancelled).</summary>
    public IActionResult OnGetFailed()
    {
        Message = "Single sign-on did not complete. Please try again.";
        return Page();
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            await audit.WriteAsync("user.sign-in.failed", details: "single sign-on without a provider answer",
                actorName: "unknown");
            Message = "Single sign-on did not complete. Please try again.";
            return Page();
        }
        var result = await accounts.FindAccountAsync(info);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (result.User is null)
        {
            Message = result.Refusal;
            return Page();
        }
        await signIn.SignInAsync(result.User, isPersistent: false, info.LoginProvider);
        await audit.WriteAsync("user.sign-in", "user", result.User.Id, "single sign-on", actorName: result.User.Email);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
