using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class RolloutSchedulerMoveTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);
    private static readonly DateOnly Today = new(2026, 1, 5);

    private static IReadOnlyList<RolloutTask> Instantiate(Release release, params PlaybookStep[] steps) =>
        RolloutScheduler.Instantiate(release, Playbook(steps), WorkingCalendar.MondayToFriday).Value!;

    [Fact]
    public void MoveRelease_OneWeekLater_ShiftsOpenTasksAndReportsThem()
    {
        var release = Release(Tuesday);
        var tasks = Instantiate(release, Step("a", -14), Step("b", 0, 14));

        var update = RolloutScheduler.MoveRelease(release, Tuesday.AddDays(7), tasks, WorkingCalendar.MondayToFriday,
            Today).Value!;

        Assert.Equal(Tuesday.AddDays(7), update.Release.PlannedDate);
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 30)], update.Tasks.Select(t => t.DueDate));
        Assert.Equal(Tuesday.AddDays(7), update.Tasks[1].WindowStart);
        var change = update.Changes[0];
        Assert.Equal(("a", TaskChangeKind.Redated, new DateOnly(2026, 2, 24), new DateOnly(2026, 3, 3)),
            (change.StepKey, change.Kind, change.OldDueDate!.Value, change.NewDueDate!.Value));
        Assert.Contains("2026-03-10 to 2026-03-17", change.Reason, StringComparison.Ordinal);
        Assert.Equal(2, update.Changes.Count);
    }

    [Fact]
    public void MoveRelease_DoneAndSkippedTasks_KeepTheirDates()
    {
        var release = Release(Tuesday);
        var tasks = Instantiate(release, Step("done"), Step("skipped"), Step("busy"))
            .Select(t => t.StepKey switch
            {
                "done" => t with { Status = RolloutTaskStatus.Done },
                "skipped" => t with { Status = RolloutTaskStatus.Skipped, SkipReason = SkipReason.Manual },
                _ => t with { Status = RolloutTaskStatus.InProgress },
            }).ToList();

        var update = RolloutScheduler.MoveRelease(release, Tuesday.AddDays(1), tasks, WorkingCalendar.MondayToFriday,
            Today).Value!;

        Assert.Equal([Tuesday, Tuesday, Tuesday.AddDays(1)], update.Tasks.Select(t => t.DueDate));
        Assert.Equal("busy", Assert.Single(update.Changes).StepKey);
    }

    [Fact]
    public void MoveRelease_RepeatedMovesThroughWeekends_DoNotDrift()
    {
        var release = Release(Tuesday);
        var tasks = Instantiate(release, Step("a", -2)); // Sunday -> Friday

        var first = RolloutScheduler.MoveRelease(release, Tuesday.AddDays(1), tasks, WorkingCalendar.MondayToFriday,
            Today).Value!;
        var second = RolloutScheduler.MoveRelease(first.Release, Tuesday, first.Tasks, WorkingCalendar.MondayToFriday,
            Today).Value!;

        Assert.Equal(new DateOnly(2026, 3, 9), first.Tasks[0].DueDate); // Monday
        Assert.Equal(tasks[0].DueDate, second.Tasks[0].DueDate);
    }

    [Fact]
    public void MoveRelease_DueDateUnchangedByWeekend_ReportsNoChange()
    {
        var release = Release(new DateOnly(2026, 3, 16)); // Monday
        var tasks = Instantiate(release, Step("a", -1)); // Sunday -> Friday

        var update = RolloutScheduler.MoveRelease(release, release.PlannedDate.AddDays(-1), tasks,
            WorkingCalendar.MondayToFriday, Today).Value!;

        Assert.Empty(update.Changes);
        Assert.Equal(new DateOnly(2026, 3, 13), update.Tasks[0].DueDate);
    }

    [Fact]
    public void MoveRelease_SameDate_ChangesNothing()
    {
        var release = Release(Tuesday);
        var tasks = Instantiate(release, Step("a", -3));

        var update = RolloutScheduler.MoveRelease(release, Tuesday, tasks, WorkingCalendar.MondayToFriday, Today)
            .Value!;

        Assert.Empty(update.Changes);
        Assert.Equal(tasks, update.Tasks);
    }

    [Theory]
    [InlineData(ReleaseStatus.Released)]
    [InlineData(ReleaseStatus.Cancelled)]
    public void MoveRelease_ClosedRelease_Refuses(ReleaseStatus status)
    {
        var release = Release(Tuesday, status: status);

        var outcome = RolloutScheduler.MoveRelease(release, Tuesday.AddDays(7), [], WorkingCalendar.MondayToFriday,
            Today);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("Status", error.Field);
        Assert.Contains(status.ToString().ToLowerInvariant(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoveRelease_IntoThePast_Refuses()
    {
        var outcome = RolloutScheduler.MoveRelease(Release(Tuesday), Today.AddDays(-1), [],
            WorkingCalendar.MondayToFriday, Today);

        Assert.Equal("NewDate", Assert.Single(outcome.Errors).Field);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void MoveRelease_DateOutsideSupportedRange_Refuses(string date)
    {
        var outcome = RolloutScheduler.MoveRelease(Release(Tuesday), DateOnly.Parse(date), [],
            WorkingCalendar.MondayToFriday, DateOnly.MinValue);

        Assert.Equal("NewDate", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void MoveRelease_CorruptTaskOffset_RefusesInsteadOfOverflowing()
    {
        var task = Task("a") with { OffsetDays = int.MaxValue };

        var outcome = RolloutScheduler.MoveRelease(Release(Tuesday), Tuesday.AddDays(1), [task],
            WorkingCalendar.MondayToFriday, Today);

        Assert.Equal("Tasks[0].OffsetDays", Assert.Single(outcome.Errors).Field);
    }
}
