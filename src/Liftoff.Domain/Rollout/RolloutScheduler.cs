namespace Liftoff.Domain.Rollout;

/// <summary>Turns a playbook into dated tasks for a release and keeps them in step with the release.</summary>
public static class RolloutScheduler
{
    public static Outcome<IReadOnlyList<RolloutTask>> Instantiate(Release release, Playbook playbook,
        WorkingCalendar calendar)
    {
        var errors = new List<FieldError>(PlaybookValidator.Validate(playbook)
            .Select(e => e with { Field = $"Playbook.{e.Field}" }));
        errors.AddRange(ReleaseErrors(release));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IReadOnlyList<RolloutTask>>(errors);
        }
        var tasks = playbook.Steps.Where(s => Applies(s, release))
            .Select(s => PlaceStep(s, release.PlannedDate, calendar))
            .ToList();
        return Outcome.Ok<IReadOnlyList<RolloutTask>>(tasks);
    }

    /// <summary>
    /// Moves the release and re-dates its open tasks from their offsets, so any sequence of moves
    /// ends where a single move to the final date would. Finished work keeps its dates.
    /// </summary>
    public static Outcome<ScheduleUpdate> MoveRelease(
        Release release, DateOnly newDate, IReadOnlyList<RolloutTask> existingTasks, WorkingCalendar calendar,
        DateOnly today)
    {
        var errors = new List<FieldError>();
        if (release.IsClosed)
        {
            errors.Add(new("Status", $"A {release.Status.ToString().ToLowerInvariant()} release cannot be moved."));
        }
        if (!ReleaseDates.IsSupported(newDate))
        {
            errors.Add(new("NewDate", ReleaseDates.RangeMessage(newDate)));
        }
        else if (newDate < today && newDate != release.PlannedDate)
        {
            errors.Add(new("NewDate",
                $"The release cannot be moved into the past ({newDate:yyyy-MM-dd} is before {today:yyyy-MM-dd})."));
        }
        errors.AddRange(TaskErrors(existingTasks));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ScheduleUpdate>(errors);
        }

        var shift = newDate.DayNumber - release.PlannedDate.DayNumber;
        var reason =
            $"Release moved from {release.PlannedDate:yyyy-MM-dd} to {newDate:yyyy-MM-dd} ({shift:+0;-0} days).";
        var changes = new List<TaskChange>();
        var tasks = existingTasks.Select(task =>
        {
            if (!task.IsOpen || shift == 0)
            {
                return task;
            }
            var moved = Place(task, newDate, calendar);
            if (moved.DueDate != task.DueDate || moved.WindowStart != task.WindowStart)
            {
                changes.Add(new(task.StepKey, task.Name, TaskChangeKind.Redated, task.DueDate, moved.DueDate, reason,
                    task.Owners));
            }
            return moved;
        }).ToList();
        return Outcome.Ok(new ScheduleUpdate(release with { PlannedDate = newDate }, tasks, changes));
    }

    /// <summary>
    /// Brings conditional steps in line with the release's current fields: open tasks whose
    /// condition no longer holds are skipped; steps whose condition now holds are added, or
    /// reopened when they had been skipped for that reason. Manual skips and done work stay.
    /// </summary>
    public static Outcome<ScheduleUpdate> ReevaluateConditions(
        Release release, Playbook playbook, IReadOnlyList<RolloutTask> existingTasks, WorkingCalendar calendar)
    {
        var errors = new List<FieldError>(ReleaseErrors(release));
        errors.AddRange(PlaybookValidator.Validate(playbook).Select(e => e with { Field = $"Playbook.{e.Field}" }));
        errors.AddRange(TaskErrors(existingTasks));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ScheduleUpdate>(errors);
        }

        var tasks = existingTasks.ToList();
        var changes = new List<TaskChange>();
        foreach (var step in playbook.Steps.Where(s => s.Condition is not null))
        {
            var met = step.Condition!.IsMetBy(release);
            var index = tasks.FindIndex(t => t.StepKey == step.Key);
            var task = index >= 0 ? tasks[index] : null;
            if (!met && task is { IsOpen: true })
            {
                tasks[index] = task with
                {
                    Status = RolloutTaskStatus.Skipped,
                    SkipReason = SkipReason.ConditionNotMet,
                };
                changes.Add(new(task.StepKey, task.Name, TaskChangeKind.Skipped, task.DueDate, null,
                    $"Skipped: the step applies only when {step.Condition.Describe()}, which no longer holds.",
                    task.Owners));
            }
            else if (met && task is null)
            {
                var added = PlaceStep(step, release.PlannedDate, calendar);
                tasks.Add(added);
                changes.Add(new(added.StepKey, added.Name, TaskChangeKind.Added, null, added.DueDate,
                    $"Added: {step.Condition.Describe()}.", added.Owners));
            }
            else if (met && task is { Status: RolloutTaskStatus.Skipped, SkipReason: SkipReason.ConditionNotMet })
            {
                var reopened = Place(task, release.PlannedDate, calendar) with
                {
                    Status = RolloutTaskStatus.Todo,
                    SkipReason = null,
                };
                tasks[index] = reopened;
                changes.Add(new(task.StepKey, task.Name, TaskChangeKind.Reopened, task.DueDate, reopened.DueDate,
                    $"Reopened: {step.Condition.Describe()} again.", task.Owners));
            }
        }
        return Outcome.Ok(new ScheduleUpdate(release, tasks, changes));
    }

    /// <summary>
    /// Re-dates the open tasks of a release for a changed working calendar (working days or
    /// holidays), keeping the release date; finished work keeps its dates.
    /// </summary>
    public static Outcome<ScheduleUpdate> ApplyCalendar(Release release, IReadOnlyList<RolloutTask> existingTasks,
        WorkingCalendar calendar)
    {
        var errors = ReleaseErrors(release).Concat(TaskErrors(existingTasks)).ToList();
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ScheduleUpdate>(errors);
        }
        const string reason = "The workspace's working days or holidays changed.";
        var changes = new List<TaskChange>();
        var tasks = existingTasks.Select(task =>
        {
            if (!task.IsOpen)
            {
                return task;
            }
            var placed = Place(task, release.PlannedDate, calendar);
            if (placed.DueDate != task.DueDate)
            {
                changes.Add(new(task.StepKey, task.Name, TaskChangeKind.Redated, task.DueDate, placed.DueDate, reason,
                    task.Owners));
            }
            return placed;
        }).ToList();
        return Outcome.Ok(new ScheduleUpdate(release, tasks, changes));
    }

    /// <summary>Whether a playbook step applies to the release: it has no condition, or the release meets it.</summary>
    public static bool Applies(PlaybookStep step, Release release) =>
        step.Condition is null || step.Condition.IsMetBy(release);

    /// <summary>The to-do task a playbook step becomes, dated for the given release date.</summary>
    public static RolloutTask PlaceStep(PlaybookStep step, DateOnly releaseDate, WorkingCalendar calendar) =>
        Place(FromStep(step), releaseDate, calendar);

    /// <summary>Computes a task's dates from its offset and duration for the given release date.</summary>
    public static RolloutTask Place(RolloutTask task, DateOnly releaseDate, WorkingCalendar calendar)
    {
        var start = releaseDate.AddDays(task.OffsetDays);
        if (task.DurationDays <= 1)
        {
            return task with { DueDate = calendar.WorkingDayOnOrBefore(start), WindowStart = null, WindowEnd = null };
        }
        var end = start.AddDays(task.DurationDays - 1);
        return task with { DueDate = calendar.WorkingDayOnOrBefore(end), WindowStart = start, WindowEnd = end };
    }

    private static RolloutTask FromStep(PlaybookStep step) => new()
    {
        StepKey = step.Key,
        Name = step.Name,
        Owners = step.Owners,
        Prerequisites = step.Prerequisites,
        OffsetDays = (int)step.Offset.TotalDays,
        DurationDays = step.DurationDays,
        DueDate = default,
        Description = step.Description,
        Checklist = step.Checklist,
    };

    private static IEnumerable<FieldError> ReleaseErrors(Release release)
    {
        if (release.IsClosed)
        {
            yield return new("Status",
                $"A {release.Status.ToString().ToLowerInvariant()} release cannot be rescheduled.");
        }
        if (!ReleaseDates.IsSupported(release.PlannedDate))
        {
            yield return new("PlannedDate", ReleaseDates.RangeMessage(release.PlannedDate));
        }
    }

    // Tasks come back from storage; a corrupt offset must be refused rather than overflow a date.
    private static IEnumerable<FieldError> TaskErrors(IReadOnlyList<RolloutTask> tasks)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (Math.Abs(tasks[i].OffsetDays) > StepOffset.LimitDays)
            {
                yield return new($"Tasks[{i}].OffsetDays",
                    $"Task '{tasks[i].Name}' is more than {StepOffset.LimitDays} days from the release date.");
            }
            if (tasks[i].DurationDays is < 0 or > PlaybookValidator.MaxDurationDays)
            {
                yield return new($"Tasks[{i}].DurationDays",
                    $"Task '{tasks[i].Name}' has an invalid duration of {tasks[i].DurationDays} days.");
            }
        }
    }
}
