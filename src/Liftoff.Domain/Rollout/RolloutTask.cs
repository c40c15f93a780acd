namespace Liftoff.Domain.Rollout;

public enum RolloutTaskStatus
{
    Todo,
    InProgress,
    Done,
    Skipped,
}

public enum SkipReason
{
    /// <summary>Someone decided the task is not needed for this release.</summary>
    Manual,

    /// <summary>The step's condition does not hold for the release; re-evaluation may reopen it.</summary>
    ConditionNotMet,
}

/// <summary>
/// One step of a playbook instantiated for a release. It keeps a copy of the step's offset,
/// duration and gates so later playbook edits do not change releases already under way, and so
/// moves are always computed from the offset rather than from the last (working-day adjusted) date.
/// </summary>
public sealed record RolloutTask
{
    public required string StepKey { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<StepOwner> Owners { get; init; }

    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    /// <summary>Days from the release date to the task's day or the first day of its window.</summary>
    public required int OffsetDays { get; init; }

    public int DurationDays { get; init; }

    /// <summary>Always a working day: the task's day, or the last day of its window, moved back if needed.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>Calendar days of the window (inclusive); null for single-day tasks.</summary>
    public DateOnly? WindowStart { get; init; }

    public DateOnly? WindowEnd { get; init; }

    public RolloutTaskStatus Status { get; init; } = RolloutTaskStatus.Todo;

    public SkipReason? SkipReason { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Checklist { get; init; } = [];

    public bool IsOpen => Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress;

    public bool IsWindow => DurationDays > 1;
}

public enum TaskChangeKind
{
    Redated,
    Skipped,
    Added,
    Reopened,
}

/// <summary>One change to a release's tasks, with enough detail to audit it and tell the owners.</summary>
public sealed record TaskChange(
    string StepKey,
    string TaskName,
    TaskChangeKind Kind,
    DateOnly? OldDueDate,
    DateOnly? NewDueDate,
    string Reason,
    IReadOnlyList<StepOwner> Owners);

/// <summary>The release and its full task list after a change, plus what changed.</summary>
public sealed record ScheduleUpdate(Release Release, IReadOnlyList<RolloutTask> Tasks,
    IReadOnlyList<TaskChange> Changes);
