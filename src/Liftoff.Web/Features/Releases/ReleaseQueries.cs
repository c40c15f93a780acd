using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Releases;

/// <summary>Read side of releases: projections with no tracking; tasks come from <see cref="TaskQueries"/>.</summary>
public sealed class ReleaseQueries(AppDbContext db, TaskQueries tasks, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ReleaseView?> GetAsync(int id, CancellationToken ct = default)
    {
        // The release, its tasks and the team names are read over one connection instead of
        // opening and returning it once per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ReadAsync(id, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ReleaseView?> ReadAsync(int id, CancellationToken ct)
    {
        var r = await db.Releases.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { Release = x, PlaybookName = x.Playbook == null ? null : x.Playbook.Name })
            .FirstOrDefaultAsync(ct);
        if (r is null)
        {
            return null;
        }
        var list = await tasks.TasksAsync(db.RolloutTasks.Where(t => t.ReleaseId == id), ct);
        var x = r.Release;
        return new ReleaseView(x.Id, x.Product, x.Version, x.Name, x.PlannedDate, x.SignificantChanges, x.Status,
            x.ContentSummary, x.PlaybookId, r.PlaybookName, ReleasePhase.For(x.PlannedDate, Today),
            list.OrderBy(t => t.Start).ThenBy(t => t.DueDate).ThenBy(t => t.Id).ToList(), x.RowVersion);
    }

    /// <summary>Releases with their phase and open/overdue task counts; active ones first by date.</summary>
    public async Task<IReadOnlyList<ReleaseSummary>> ListAsync(bool activeOnly, int take = 500,
        CancellationToken ct = default)
    {
        var today = Today;
        var query = db.Releases.AsNoTracking();
        if (activeOnly)
        {
            query = query.Where(r => r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InProgress);
        }
        // One round trip: the counts are correlated subqueries that the (ReleaseId, Status, DueDate)
        // index answers without touching the task rows.
        return (await query.OrderBy(r => r.PlannedDate).ThenBy(r => r.Id).Take(take)
            .Select(r => new
            {
                r.Id,
                r.Product,
                r.Version,
                r.Name,
                r.PlannedDate,
                r.SignificantChanges,
                r.Status,
                Open = db.RolloutTasks.Count(t => t.ReleaseId == r.Id &&
                    (t.Status == RolloutTaskStatus.Todo || t.Status == RolloutTaskStatus.InProgress)),
                Overdue = db.RolloutTasks.Count(t => t.ReleaseId == r.Id &&
                    (t.Status == RolloutTaskStatus.Todo || t.Status == RolloutTaskStatus.InProgress) &&
                    t.DueDate < today),
            })
            .ToListAsync(ct))
            .Select(r => new ReleaseSummary(r.Id, r.Product, r.Version, r.Name, r.PlannedDate, r.SignificantChanges,
                r.Status, ReleasePhase.For(r.PlannedDate, today), r.Open, r.Overdue))
            .ToList();
    }
}
