using System.Globalization;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;

namespace Liftoff.Web.Features.Releases;

/// <summary>What to do with one open pre-release task when the release is marked released.</summary>
public sealed record TaskDecisionInput(int? TaskId, string? Decision, string? Reason = null);

/// <summary>
/// Releasing never strands a task: every open pre-release task (a step dated before the release day)
/// is decided as done or skipped with a reason. Either all decisions are valid and applied, or none is.
/// </summary>
public static class ReleaseTaskDecisions
{
    public const string Field = "Decisions";

    /// <summary>Returns the refusals by field, or null when the decisions were applied to the tracked tasks.</summary>
    public static Dictionary<string, string[]>? Apply(ReleaseEntity release, IReadOnlyList<TaskDecisionInput>? input,
        string? userId, DateTimeOffset now, AuditLog audit)
    {
        var open = release.Tasks.Where(t => PreReleaseWork.IsPreRelease(t.OffsetDays) && IsOpen(t.Status))
            .OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
        var problems = new List<string>();
        var decisions = new Dictionary<int, (bool Done, string? Reason)>();
        var named = new HashSet<int>();
        foreach (var d in input ?? [])
        {
            var task = release.Tasks.FirstOrDefault(t => t.Id == d.TaskId);
            if (task is null)
            {
                var number = d.TaskId?.ToString(CultureInfo.InvariantCulture) ?? "(none)";
                problems.Add($"This release has no task #{number}.");
                continue;
            }
            var kind = d.Decision?.Trim().ToLowerInvariant();
            if (kind is null or "")
            {
                continue;
            }
            named.Add(task.Id);
            if (!open.Contains(task))
            {
                problems.Add($"'{task.Name}' is not an open pre-release task; leave it out of the decisions.");
                continue;
            }
            if (kind is not ("done" or "skip" or "skipped"))
            {
                problems.Add($"Choose done or skip for '{task.Name}' (not '{d.Decision}').");
                continue;
            }
            var reason = d.Reason?.Trim();
            if (kind != "done" && string.IsNullOrEmpty(reason))
            {
                problems.Add($"Say why '{task.Name}' is skipped.");
                continue;
            }
            if ((reason?.Length ?? 0) > 1000)
            {
                problems.Add($"The reason for '{task.Name}' may have at most 1000 characters.");
                continue;
            }
            decisions[task.Id] = (kind == "done", reason);
        }
        var undecided = open.Where(t => !named.Contains(t.Id)).ToList();
        if (undecided.Count > 0)
        {
            problems.Insert(0, "Decide each open pre-release task before marking the release released " +
                $"(done, or skipped with a reason): {string.Join(", ", undecided.Select(t => $"'{t.Name}'"))}.");
        }
        if (problems.Count == 0)
        {
            problems.AddRange(GateProblems(release, decisions));
        }
        if (problems.Count > 0)
        {
            return new Dictionary<string, string[]> { [Field] = [.. problems] };
        }
        foreach (var task in open)
        {
            var (done, reason) = decisions[task.Id];
            var old = task.Status;
            task.Status = done ? RolloutTaskStatus.Done : RolloutTaskStatus.Skipped;
            task.SkipReason = done ? null : SkipReason.Manual;
            task.SkipNote = done ? null : reason;
            task.CompletedAt = done ? now : null;
            task.CompletedByUserId = done ? userId : null;
            audit.Add("task.status", "task", task.Id.ToString(CultureInfo.InvariantCulture),
                $"{release.Product} {release.Version} / {task.StepKey}: {RolloutMapping.StatusLabel(old)} → " +
                $"{RolloutMapping.StatusLabel(task.Status)}{(done ? "" : $" ({reason})")}, " +
                "decided when the release was marked released");
        }
        return null;
    }

    /// <summary>
    /// Done decisions respect the gates: skips close first, then done tasks close in prerequisite order
    /// within the same submission; whatever is still held up is named.
    /// </summary>
    private static IEnumerable<string> GateProblems(ReleaseEntity release,
        Dictionary<int, (bool Done, string? Reason)> decisions)
    {
        var tasks = release.Tasks.ToDictionary(t => t.Id, RolloutMapping.ToDomain);
        foreach (var (id, _) in decisions.Where(d => !d.Value.Done))
        {
            tasks[id] = tasks[id] with { Status = RolloutTaskStatus.Skipped };
        }
        var pending = decisions.Where(d => d.Value.Done).Select(d => d.Key).ToList();
        var progressed = true;
        while (pending.Count > 0 && progressed)
        {
            progressed = false;
            foreach (var id in pending.ToList())
            {
                if (GateRule.CanMarkDone(tasks[id], [.. tasks.Values]).Allowed)
                {
                    tasks[id] = tasks[id] with { Status = RolloutTaskStatus.Done };
                    pending.Remove(id);
                    progressed = true;
                }
            }
        }
        return pending.Select(id => GateRule.CanMarkDone(tasks[id], [.. tasks.Values]).Message!);
    }

    private static bool IsOpen(RolloutTaskStatus status) =>
        status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress;
}
