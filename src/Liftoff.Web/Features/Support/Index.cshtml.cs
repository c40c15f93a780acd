using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Domain.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Support;

public sealed record ChannelVolume(string Channel, int Days, DateOnly First, DateOnly Last, long Tickets);

public sealed record ReleaseRow(int Id, string DisplayName, SurgeStart Start, bool SignificantChanges);

public sealed class IndexModel(AppDbContext db, SurgeForecasts forecasts) : PageModel
{
    public IReadOnlyList<ChannelVolume> Channels { get; private set; } = [];

    public IReadOnlyList<ReleaseRow> Releases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Channels = await db.TicketVolumes.AsNoTracking().GroupBy(v => v.Channel)
            .Select(g => new ChannelVolume(g.Key, g.Count(), g.Min(v => v.Date), g.Max(v => v.Date),
                g.Sum(v => (long)v.Count)))
            .ToListAsync(ct);
        var releases = await db.Releases.AsNoTracking().Where(r => r.Status != ReleaseStatus.Cancelled)
            .OrderByDescending(r => r.PlannedDate).Take(50)
            .Select(r => new
            {
                r.Id,
                r.Product,
                r.Name,
                r.Version,
                r.PlannedDate,
                r.Status,
                r.ReleasedAt,
                r.SignificantChanges
            })
            .ToListAsync(ct);
        Releases = releases.Select(r => new ReleaseRow(r.Id, ReleaseNames.Display(r.Product, r.Version, r.Name),
            forecasts.StartOf(r.Status, r.PlannedDate, r.ReleasedAt), r.SignificantChanges)).ToList();
    }
}
