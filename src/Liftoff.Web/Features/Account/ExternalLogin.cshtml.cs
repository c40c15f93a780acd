using System.Security.Claims;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

/// <summary>OpenID Connect sign-in: only people an administrator has already added may sign in, matched by email.</summary>
[AllowAnonymous]
public sealed class ExternalLoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, OpenIdConnectSettings oidc) : PageModel
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

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        var email = info?.Principal.FindFirstValue(ClaimTypes.Email) ?? info?.Principal.FindFirstValue("email");
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (info is null || user is null || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync("user.sign-in.failed", "user", user?.Id, $"single sign-on {email}", actorName: email ?? "unknown");
            Message = "Single sign-on succeeded, but there is no active Liftoff account for this email. Ask an administrator to invite you.";
            return Page();
        }
        if ((await users.GetLoginsAsync(user)).All(l => l.LoginProvider != info.LoginProvider))
        {
            await users.AddLoginAsync(user, info);
        }
        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        await audit.WriteAsync("user.sign-in", "user", user.Id, "single sign-on", actorName: user.Email);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
