using Liftoff.Data.Identity;
using Liftoff.Web.Features.Teams;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features;

[Authorize(Policy = Infrastructure.Auth.Policies.Portal)]
public sealed class IndexModel(TeamAdministration teams) : PageModel
{
    public IReadOnlyList<TeamView> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // External users only ever see the portal.
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Lead) && !User.IsInRole(Roles.Staff))
        {
            return RedirectToPage("/Portal/Index");
        }
        Teams = await teams.ListAsync();
        return Page();
    }
}
