using System.ComponentModel.DataAnnotations;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit,
    OpenIdConnectSettings oidc) : PageModel
{
    public const string FailureMessage = "Sign-in failed. Check your email and password, or try again later.";

    [BindProperty, Required, EmailAddress, Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password), Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SingleSignOn => oidc.Enabled;

    public string SingleSignOnName => oidc.DisplayName;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false,
            lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(Email.Trim());
        if (!result.Succeeded)
        {
            var action = result.IsLockedOut ? "user.sign-in.locked-out" : "user.sign-in.failed";
            await audit.WriteAsync(action, "user", user?.Id, Email.Trim(), actorName: Email.Trim());
            ModelState.AddModelError("", FailureMessage);
            return Page();
        }
        await audit.WriteAsync("user.sign-in", "user", user!.Id, "password", actorName: user.Email);
        if (await users.IsInRoleAsync(user, Roles.External))
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/Portal",
                StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/Portal");
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
