using Liftoff.Data.Identity;
using Liftoff.Web.Features.Releases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features;

[Authorize(Policy = Infrastructure.Auth.Policies.Portal)]
public sealed class IndexModel(ReleaseQueries releases) : PageModel
{
    /// <summary>How many upcoming releases the dashboard lists.</summary>
    public const int Shown = 30;

    public IReadOnlyList<ReleaseSummary> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // External users only ever see the portal.
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Lead) && !User.IsInRole(Roles.Staff))
        {
            return RedirectToPage("/Portal/Index");
        }
        Upcoming = await releases.ListAsync(activeOnly: true, take: Shown);
        return Page();
    }
}
