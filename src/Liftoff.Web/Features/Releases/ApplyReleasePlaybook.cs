using System.Globalization;
using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Releases;

public sealed record ApplyPlaybookInput(int? RowVersion);

/// <summary>
/// Brings an open release's tasks in line with its playbook as it is now (after the playbook was
/// edited): open tasks take the step's new fields and dates, new steps are added, open tasks of
/// removed steps are skipped. Finished work is never touched.
/// </summary>
public sealed class ApplyReleasePlaybook(AppDbContext db, AuditLog audit, ReleaseChanges changes)
{
    public async Task<Outcome<ReleaseView>> ApplyPlaybookAsync(int id, int? rowVersion, CancellationToken ct = default)
    {
        var loaded = await changes.LoadAsync(id, rowVersion, ct);
        if (loaded.Refusal is { } refusal)
        {
            return refusal;
        }
        var release = loaded.Release!;
        if (release.IsClosedStatus())
        {
            return Outcome<ReleaseView>.Invalid("Status",
                $"A {RolloutMapping.StatusLabel(release.Status)} release keeps its plan.");
        }
        var playbook = await changes.PlaybookAsync(release.PlaybookId, ct);
        if (playbook is null)
        {
            return Outcome<ReleaseView>.Invalid("PlaybookId", "The release has no playbook to apply.");
        }
        var calendar = await changes.CalendarAsync(ct);
        var domainRelease = RolloutMapping.ToDomain(release);
        var steps = PlaybookMapping.ToDomain(playbook).Steps;
        var changed = new List<string>();
        foreach (var step in steps)
        {
            var task = release.Tasks.FirstOrDefault(t => t.StepKey == step.Key);
            var applies = RolloutScheduler.Applies(step, domainRelease);
            var fresh = RolloutScheduler.PlaceStep(step, release.PlannedDate, calendar);
            if (task is null)
            {
                if (applies)
                {
                    release.Tasks.Add(await changes.NewTaskAsync(fresh, ct));
                    changed.Add($"added {step.Key}");
                }
            }
            else if (task.Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress)
            {
                var status = task.Status;
                RolloutMapping.CopyTo(fresh with { Status = status }, task);
                if (!applies)
                {
                    task.Status = RolloutTaskStatus.Skipped;
                    task.SkipReason = SkipReason.ConditionNotMet;
                }
                changed.Add($"updated {step.Key}");
            }
        }
        foreach (var orphan in release.Tasks.Where(t =>
            t.Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress && steps.All(s => s.Key != t.StepKey)))
        {
            orphan.Status = RolloutTaskStatus.Skipped;
            orphan.SkipReason = SkipReason.Manual;
            orphan.SkipNote = "The step was removed from the playbook.";
            changed.Add($"skipped {orphan.StepKey}");
        }
        // Touch the release row so a concurrent edit of the release collides with this one.
        db.Entry(release).Property(r => r.RowVersion).IsModified = true;
        audit.Add("release.playbook-applied", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: playbook '{playbook.Name}' applied ({string.Join(", ", changed)})");
        return await changes.SaveAsync(release, [], ct);
    }
}
