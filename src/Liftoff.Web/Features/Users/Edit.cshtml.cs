using Liftoff.Data;
using Liftoff.Data.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Users;

public sealed class EditModel(UserAdministration admin, AppDbContext db) : PageModel
{
    public UserSummary? Subject { get; private set; }

    public IReadOnlyList<OrganisationEntity> Organisations { get; private set; } = [];

    [BindProperty]
    public string Role { get; set; } = "";

    [BindProperty]
    public int? OrganisationId { get; set; }

    public string? Message { get; private set; }

    public string? NewPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Subject = await admin.FindAsync(id);
        if (Subject is null)
        {
            return NotFound();
        }
        Role = Subject.Roles.Count > 0 ? Subject.Roles[0] : "";
        OrganisationId = Subject.OrganisationId;
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id)
    {
        var outcome = await admin.SetRoleAsync(id, Role, OrganisationId);
        return await After(id, outcome.Kind, outcome.Message, "Role saved.");
    }

    public async Task<IActionResult> OnPostActiveAsync(string id, bool active)
    {
        var outcome = await admin.SetActiveAsync(id, active);
        return await After(id, outcome.Kind, outcome.Message, active ? "User reactivated."
            : "User deactivated; their sessions end within a minute and their tokens stop working.");
    }

    public async Task<IActionResult> OnPostResetAsync(string id)
    {
        var outcome = await admin.ResetPasswordAsync(id);
        NewPassword = outcome.Value;
        return await After(id, outcome.Kind, outcome.Message,
            "Password reset. Hand over the new password securely; it is shown once.");
    }

    private async Task<IActionResult> After(string id, OutcomeKind kind, string error, string success)
    {
        if (kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (kind != OutcomeKind.Ok)
        {
            ModelState.AddModelError("", error);
        }
        else
        {
            Message = success;
        }
        var role = Role;
        var org = OrganisationId;
        await OnGetAsync(id);
        if (kind != OutcomeKind.Ok)
        {
            Role = role;
            OrganisationId = org;
        }
        return Page();
    }
}
