using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

/// <summary>Read side of release tasks: projections with no tracking.</summary>
public sealed class TaskQueries(AppDbContext db, RolloutPeople people, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TaskView?> GetTaskAsync(int taskId, CancellationToken ct = default) =>
        (await TasksAsync(db.RolloutTasks.Where(t => t.Id == taskId), ct)).FirstOrDefault();

    /// <summary>Open tasks of active releases due up to <paramref name="until"/> (overdue included).</summary>
    public async Task<IReadOnlyList<(TaskView Task, string ReleaseTitle)>> OpenTasksDueByAsync(DateOnly until,
        CancellationToken ct = default)
    {
        var query = db.RolloutTasks.Where(t =>
            (t.Status == RolloutTaskStatus.Todo || t.Status == RolloutTaskStatus.InProgress) && t.DueDate <= until &&
            (t.Release!.Status == ReleaseStatus.Planned || t.Release.Status == ReleaseStatus.InProgress));
        return await WithTitlesAsync(await TasksAsync(query, ct), ct);
    }

    /// <summary>Tasks of active releases (and recently finished ones) carried by a team, for its board.</summary>
    public async Task<IReadOnlyList<(TaskView Task, string ReleaseTitle)>> TeamTasksAsync(string teamKey,
        CancellationToken ct = default)
    {
        var team = $"team:{teamKey}";
        var lead = $"lead:{teamKey}";
        var query = db.RolloutTasks.Where(t =>
            (t.Release!.Status == ReleaseStatus.Planned || t.Release.Status == ReleaseStatus.InProgress) &&
            (t.Owners.Contains(team) || t.Owners.Contains(lead)));
        var tasks = await TasksAsync(query, ct);
        // Contains is a substring test: keep exact owner matches only ("team:cs" must not match "team:cs-emea").
        tasks = tasks.Where(t => RolloutMapping.Split(t.Owners).Any(o => o == team || o == lead)).ToList();
        return await WithTitlesAsync(tasks, ct);
    }

    public async Task<IReadOnlyList<(TaskView Task, string ReleaseTitle)>> WithTitlesAsync(
        IReadOnlyList<TaskView> tasks, CancellationToken ct)
    {
        var ids = tasks.Select(t => t.ReleaseId).Distinct().ToList();
        var titles = await db.Releases.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Name, r.Product, r.Version }).ToListAsync(ct);
        var byId = titles.ToDictionary(r => r.Id, r => ReleaseNames.Display(r.Product, r.Version, r.Name));
        return tasks.OrderBy(t => t.DueDate).Select(t => (t, byId.GetValueOrDefault(t.ReleaseId, ""))).ToList();
    }

    public async Task<List<TaskView>> TasksAsync(IQueryable<RolloutTaskEntity> query, CancellationToken ct)
    {
        var today = Today;
        var rows = await query.AsNoTracking()
            .Select(t => new { Task = t, AssigneeName = t.Assignee == null ? null : t.Assignee.DisplayName })
            .ToListAsync(ct);
        var teamNames = await people.TeamNamesAsync(ct);
        return rows.Select(r =>
        {
            var t = r.Task;
            var open = t.Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress;
            return new TaskView(t.Id, t.ReleaseId, t.StepKey, t.Name, t.Owners,
                RolloutMapping.DescribeOwners(t.Owners, teamNames), RolloutMapping.Split(t.Prerequisites),
                t.OffsetDays, t.DurationDays, t.DueDate, t.WindowStart, t.WindowEnd, t.Status, t.SkipReason,
                t.SkipNote, t.AssigneeUserId, r.AssigneeName, t.Description, RolloutMapping.Lines(t.Checklist),
                t.CompletedAt, open && t.DueDate < today, t.RowVersion);
        }).ToList();
    }
}
