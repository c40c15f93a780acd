using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Home;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features;

[Authorize(Policy = Infrastructure.Auth.Policies.Portal)]
public sealed class IndexModel(ReleaseQueries releases, WaitingForYou inbox, AppDbContext db) : PageModel
{
    /// <summary>How many upcoming releases the home page lists.</summary>
    public const int Shown = 30;

    public IReadOnlyList<ReleaseSummary> Upcoming { get; private set; } = [];

    public IReadOnlyList<InboxItem> Waiting { get; private set; } = [];

    public bool Digest { get; private set; }

    public DateOnly Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // External users only ever see the portal.
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Lead) && !User.IsInRole(Roles.Staff))
        {
            return RedirectToPage("/Portal/Index");
        }
        var me = User.UserId();
        Today = releases.Today;
        Waiting = await inbox.ForAsync(me, ct);
        Digest = await InboxApi.Setting(db, me).Select(s => s.Enabled).FirstOrDefaultAsync(ct);
        Upcoming = await releases.ListAsync(activeOnly: true, take: Shown, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDigestAsync(bool enabled, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Lead) && !User.IsInRole(Roles.Staff))
        {
            return Forbid();
        }
        await InboxApi.SetDigestAsync(db, User.UserId(), enabled, ct);
        Message = enabled
            ? "You will get this list by email each morning when something waits for you."
            : "You will no longer get this list by email.";
        return RedirectToPage();
    }
}
