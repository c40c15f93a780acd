using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Features.Workspace;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Releases;

/// <summary>A release loaded for a change, or why it cannot be changed (missing, or changed by someone else).</summary>
public sealed record LoadedRelease(ReleaseEntity? Release, Outcome<ReleaseView>? Refusal);

/// <summary>
/// What every change of a release shares: loading it with its tasks and refusing a stale version,
/// re-dating its plan, new tasks with their default assignee, and saving with the owners told.
/// </summary>
public sealed class ReleaseChanges(
    AppDbContext db,
    RolloutPeople people,
    ReleaseQueries queries,
    WorkspaceCalendarStore calendars,
    TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The release with its tasks, tracked; refused when missing or when the version read is stale.</summary>
    public async Task<LoadedRelease> LoadAsync(int id, int? rowVersion, CancellationToken ct)
    {
        var release = await db.Releases.Include(r => r.Tasks).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (release is null)
        {
            return new(null, Outcome<ReleaseView>.NotFound());
        }
        return rowVersion is { } v && v != release.RowVersion ? new(null, ConflictNow(release)) : new(release, null);
    }

    public Task<WorkingCalendar> CalendarAsync(CancellationToken ct) => calendars.CalendarAsync(ct);

    public async Task<PlaybookEntity?> PlaybookAsync(int? id, CancellationToken ct) =>
        id is { } pid
            ? await db.Playbooks.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == pid, ct)
            : null;

    public async Task<ReleaseView> ViewAsync(int id, CancellationToken ct) => (await queries.GetAsync(id, ct))!;

    /// <summary>A stored task for the scheduler's task, assigned to its owner lead when that is one person.</summary>
    public async Task<RolloutTaskEntity> NewTaskAsync(RolloutTask task, CancellationToken ct)
    {
        var entity = new RolloutTaskEntity();
        RolloutMapping.CopyTo(task, entity);
        entity.AssigneeUserId = DefaultAssignee(task, await people.TeamsAsync(ct));
        return entity;
    }

    /// <summary>Moves the release and its open tasks to the date; adds the changes owners are told about.</summary>
    public Domain.Outcome<(ScheduleUpdate Update, string Reason)> Move(ReleaseEntity release, DateOnly date,
        List<(TaskChange, string?)> changes, WorkingCalendar calendar)
    {
        var tasks = release.Tasks.OrderBy(t => t.Id).ToList();
        var result = RolloutScheduler.MoveRelease(RolloutMapping.ToDomain(release), date,
            tasks.Select(RolloutMapping.ToDomain).ToList(), calendar, Today);
        if (!result.IsOk)
        {
            return Outcome.Invalid<(ScheduleUpdate, string)>(result.Errors);
        }
        var reason = $"moved from {release.PlannedDate:yyyy-MM-dd} to {date:yyyy-MM-dd}";
        for (var i = 0; i < tasks.Count; i++)
        {
            RolloutMapping.CopyTo(result.Value.Tasks[i], tasks[i]);
        }
        changes.AddRange(result.Value.Changes.Select(c =>
            (c, tasks.First(t => t.StepKey == c.StepKey).AssigneeUserId)));
        release.PlannedDate = date;
        return Outcome.Ok((result.Value, reason));
    }

    /// <summary>Saves the change; the owners of changed tasks are told in the same unit of work.</summary>
    public async Task<Outcome<ReleaseView>> SaveAsync(ReleaseEntity release, List<(TaskChange, string?)> changes,
        CancellationToken ct)
    {
        if (changes.Count > 0)
        {
            // The new row version identifies this change, so retries never tell owners twice.
            await people.NotifyChangesAsync(release.Id, Title(release), changes, $"v{release.RowVersion + 1}", ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent change won (stale row version, or the same release marked released twice at once).
            db.ChangeTracker.Clear();
            var current = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == release.Id, ct);
            return current is null ? Outcome<ReleaseView>.NotFound() : ConflictNow(current);
        }
        return Outcome<ReleaseView>.Ok(await ViewAsync(release.Id, ct));
    }

    /// <summary>
    /// A task owned only by team leads who are one person gets that person straight away; team tasks wait to be
    /// picked up.
    /// </summary>
    public static string? DefaultAssignee(RolloutTask task, IReadOnlyDictionary<string, TeamPeople> teams)
    {
        if (task.Owners.Count == 0 || task.Owners.Any(o => o.Role != OwnerRole.TeamLead))
        {
            return null;
        }
        var leads = task.Owners.Select(o => teams.TryGetValue(o.TeamKey, out var t) ? t.LeadUserId : null)
            .Distinct().ToList();
        return leads.Count == 1 ? leads[0] : null;
    }

    public static string Title(ReleaseEntity r) => ReleaseNames.Display(r.Product, r.Version, r.Name);

    public static string Describe(List<(TaskChange Change, string?)> changes) =>
        changes.Count == 0 ? "" : "Tasks: " + string.Join("; ", changes.Select(c => c.Change.Kind switch
        {
            TaskChangeKind.Redated =>
                $"{c.Change.StepKey} {c.Change.OldDueDate:yyyy-MM-dd}→{c.Change.NewDueDate:yyyy-MM-dd}",
            _ => $"{c.Change.StepKey} {c.Change.Kind.ToString().ToLowerInvariant()}",
        }));

    private static Outcome<ReleaseView> ConflictNow(ReleaseEntity r) => Outcome<ReleaseView>.Conflict(
        $"Someone else changed this release meanwhile. It is now: {r.Product} {r.Version}, " +
        $"planned for {r.PlannedDate:yyyy-MM-dd}, status {RolloutMapping.StatusLabel(r.Status)}, " +
        $"significant changes {(r.SignificantChanges ? "yes" : "no")} (version {r.RowVersion}). " +
        "Reload and apply your change again.");
}
