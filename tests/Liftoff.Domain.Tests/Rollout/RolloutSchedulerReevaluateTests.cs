using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Rollout.DefaultPlaybook;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class RolloutSchedulerReevaluateTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    private static IReadOnlyList<RolloutTask> Instantiate(Release release) =>
        RolloutScheduler.Instantiate(release, DefaultPlaybook.Create(), WorkingCalendar.MondayToFriday).Value!;

    [Fact]
    public void ReevaluateConditions_ConditionTurnsFalse_SkipsOpenTaskWithReason()
    {
        var release = Release(Tuesday, significant: true);
        var tasks = Instantiate(release);

        var update = RolloutScheduler.ReevaluateConditions(release with { SignificantChanges = false },
            DefaultPlaybook.Create(), tasks, WorkingCalendar.MondayToFriday).Value!;

        var handover = update.Tasks.Single(t => t.StepKey == FieldHandover);
        Assert.Equal(RolloutTaskStatus.Skipped, handover.Status);
        Assert.Equal(SkipReason.ConditionNotMet, handover.SkipReason);
        var change = Assert.Single(update.Changes);
        Assert.Equal(TaskChangeKind.Skipped, change.Kind);
        Assert.Contains("significant changes", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReevaluateConditions_ConditionTurnsTrue_AddsTheTask()
    {
        var release = Release(Tuesday, significant: false);
        var tasks = Instantiate(release);

        var update = RolloutScheduler.ReevaluateConditions(release with { SignificantChanges = true },
            DefaultPlaybook.Create(), tasks, WorkingCalendar.MondayToFriday).Value!;

        var change = Assert.Single(update.Changes);
        Assert.Equal((FieldHandover, TaskChangeKind.Added, (DateOnly?)null, (DateOnly?)new DateOnly(2026, 3, 6)),
            (change.StepKey, change.Kind, change.OldDueDate, change.NewDueDate));
        Assert.Equal(tasks.Count + 1, update.Tasks.Count);
    }

    [Fact]
    public void ReevaluateConditions_TurnsTrueAfterSkipForCondition_ReopensAtCurrentDate()
    {
        var release = Release(Tuesday, significant: false);
        var skipped = Task(FieldHandover, RolloutTaskStatus.Skipped) with
        {
            OffsetDays = -2,
            DueDate = new DateOnly(2026, 2, 27),
            SkipReason = SkipReason.ConditionNotMet,
        };

        var update = RolloutScheduler.ReevaluateConditions(release with { SignificantChanges = true },
            DefaultPlaybook.Create(), [skipped], WorkingCalendar.MondayToFriday).Value!;

        var task = Assert.Single(update.Tasks);
        Assert.Equal((RolloutTaskStatus.Todo, (SkipReason?)null, new DateOnly(2026, 3, 6)),
            (task.Status, task.SkipReason, task.DueDate));
        Assert.Equal(TaskChangeKind.Reopened, Assert.Single(update.Changes).Kind);
    }

    [Fact]
    public void ReevaluateConditions_ManuallySkipped_StaysSkipped()
    {
        var release = Release(Tuesday, significant: true);
        var skipped = Task(FieldHandover, RolloutTaskStatus.Skipped) with { SkipReason = SkipReason.Manual };

        var update = RolloutScheduler.ReevaluateConditions(release, DefaultPlaybook.Create(), [skipped],
            WorkingCalendar.MondayToFriday).Value!;

        Assert.Empty(update.Changes);
        Assert.Equal(RolloutTaskStatus.Skipped, Assert.Single(update.Tasks).Status);
    }

    [Fact]
    public void ReevaluateConditions_DoneTaskWhoseConditionTurnsFalse_StaysDone()
    {
        var release = Release(Tuesday, significant: false);
        var done = Task(FieldHandover, RolloutTaskStatus.Done);

        var update = RolloutScheduler.ReevaluateConditions(release, DefaultPlaybook.Create(), [done],
            WorkingCalendar.MondayToFriday).Value!;

        Assert.Empty(update.Changes);
        Assert.Equal(RolloutTaskStatus.Done, Assert.Single(update.Tasks).Status);
    }

    [Fact]
    public void ReevaluateConditions_NothingChanged_ReportsNoChanges()
    {
        var release = Release(Tuesday, significant: true);

        var update = RolloutScheduler.ReevaluateConditions(release, DefaultPlaybook.Create(), Instantiate(release),
            WorkingCalendar.MondayToFriday).Value!;

        Assert.Empty(update.Changes);
    }

    [Fact]
    public void ReevaluateConditions_CancelledRelease_Refuses()
    {
        var release = Release(Tuesday, significant: true, status: ReleaseStatus.Cancelled);

        var outcome = RolloutScheduler.ReevaluateConditions(release, DefaultPlaybook.Create(), [],
            WorkingCalendar.MondayToFriday);

        Assert.Equal("Status", Assert.Single(outcome.Errors).Field);
    }
}
