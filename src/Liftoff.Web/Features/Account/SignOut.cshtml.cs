using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

[Authorize(Policy = Policies.Portal)]
public sealed class SignOutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.WriteAsync("user.sign-out", "user", User.UserId(), User.Identity?.Name ?? "");
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
