using System.ComponentModel.DataAnnotations;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Account;

/// <summary>An invited person chooses their own password with the one-time invitation code.</summary>
[AllowAnonymous]
public sealed class AcceptInviteModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string UserId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty, Required, StringLength(200, MinimumLength = 10), DataType(DataType.Password),
        Display(Name = "New password")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(UserId);
        var result = user is null ? null : await users.ResetPasswordAsync(user, Code, Password);
        if (result is not { Succeeded: true })
        {
            var invalidCode = result is null || result.Errors.Any(e => e.Code == "InvalidToken");
            ModelState.AddModelError("", invalidCode ? "This invitation link is invalid or has already been used."
                : string.Join(" ", result!.Errors.Select(e => e.Description)));
            return Page();
        }
        await audit.WriteAsync("user.invitation.accepted", "user", user!.Id, user.Email ?? "", actorName: user.Email);
        Done = true;
        return Page();
    }
}
