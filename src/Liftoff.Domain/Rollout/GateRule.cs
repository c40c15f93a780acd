namespace Liftoff.Domain.Rollout;

/// <summary>Whether a task may be marked done; when not, the prerequisites still in the way.</summary>
public sealed record GateCheck(bool Allowed, IReadOnlyList<RolloutTask> MissingPrerequisites, string? Message);

/// <summary>A task can only be done once every prerequisite task is done or skipped.</summary>
public static class GateRule
{
    /// <param name="task">The task someone wants to mark done.</param>
    /// <param name="releaseTasks">All tasks of the same release.</param>
    public static GateCheck CanMarkDone(RolloutTask task, IReadOnlyList<RolloutTask> releaseTasks)
    {
        // A prerequisite without a task is a conditional step that does not apply to this
        // release; it cannot hold anything up.
        var missing = task.Prerequisites.Distinct(StringComparer.Ordinal)
            .Select(key => releaseTasks.FirstOrDefault(t => t.StepKey == key))
            .OfType<RolloutTask>()
            .Where(p => p.IsOpen)
            .ToList();
        if (missing.Count == 0)
        {
            return new(true, [], null);
        }
        var names = string.Join(", ", missing.Select(p => $"'{p.Name}' ({Describe(p.Status)})"));
        var noun = missing.Count == 1 ? "prerequisite" : "prerequisites";
        return new(false, missing,
            $"'{task.Name}' cannot be marked done before its {noun} {names} {(missing.Count == 1 ? "is" : "are")} " +
                $"done or skipped.");
    }

    private static string Describe(RolloutTaskStatus status) => status switch
    {
        RolloutTaskStatus.InProgress => "in progress",
        RolloutTaskStatus.Todo => "to do",
        _ => status.ToString().ToLowerInvariant(),
    };
}
