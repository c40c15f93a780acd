using Liftoff.Data.Identity;
using Liftoff.Web.Features.Users;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Teams;

public sealed class EditModel(TeamAdministration teams, UserAdministration users) : PageModel
{
    public TeamView? Team { get; private set; }

    public IReadOnlyList<UserSummary> InternalUsers { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Responsibilities { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? LeadUserId { get; set; }

    [BindProperty]
    public string? MemberUserId { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Team = await teams.GetAsync(id);
        if (Team is null)
        {
            return NotFound();
        }
        Name = Team.Name;
        Responsibilities = Team.Responsibilities;
        Version = Team.Version;
        LeadUserId = Team.LeadUserId;
        InternalUsers = (await users.ListAsync()).Where(u => u.IsActive && !u.Roles.Contains(Roles.External)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostDetailsAsync(int id) =>
        Apply(id, () => teams.UpdateAsync(id, new TeamInput(Name, Responsibilities, Version: Version)), "Team saved.");

    public Task<IActionResult> OnPostLeadAsync(int id) =>
        Apply(id, () => teams.SetLeadAsync(id, LeadUserId, User.UserId()), "Lead changed.");

    public Task<IActionResult> OnPostAddMemberAsync(int id) =>
        Apply(id, () => teams.AddMemberAsync(id, MemberUserId ?? ""), "Member added.");

    public Task<IActionResult> OnPostRemoveMemberAsync(int id, string userId) =>
        Apply(id, () => teams.RemoveMemberAsync(id, userId), "Member removed.");

    private async Task<IActionResult> Apply(int id, Func<Task<Outcome<TeamView>>> change, string success)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var outcome = await change();
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState);
        var (name, responsibilities) = (Name, Responsibilities);
        ModelState.Remove(nameof(Version));
        await OnGetAsync(id);
        if (outcome.IsOk)
        {
            Message = success;
        }
        else if (outcome.Kind == OutcomeKind.Invalid)
        {
            // Keep what the user typed so nothing is lost; a conflict shows the current state instead.
            (Name, Responsibilities) = (name, responsibilities);
        }
        return Page();
    }
}
