using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class RolloutSchedulerCalendarTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    [Fact]
    public void ApplyCalendar_NewHoliday_MovesOpenTaskToPreviousWorkingDayAndKeepsDoneWork()
    {
        var release = Release(Tuesday);
        var tasks = RolloutScheduler.Instantiate(release, Playbook(Step("open", -7), Step("done", -7),
            Step("other", -1)), WorkingCalendar.MondayToFriday).Value!
            .Select(t => t.StepKey == "done" ? t with { Status = RolloutTaskStatus.Done } : t).ToList();
        var holiday = WorkingCalendar.MondayToFriday.WithHolidays([Tuesday.AddDays(-7)]);

        var update = RolloutScheduler.ApplyCalendar(release, tasks, holiday).Value!;

        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 9)],
            update.Tasks.Select(t => t.DueDate));
        var change = Assert.Single(update.Changes);
        Assert.Equal(("open", TaskChangeKind.Redated, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2)),
            (change.StepKey, change.Kind, change.OldDueDate!.Value, change.NewDueDate!.Value));
        Assert.Equal(Tuesday, update.Release.PlannedDate);
    }

    [Fact]
    public void ApplyCalendar_FewerWorkingDays_MovesWindowDueDateButKeepsTheWindow()
    {
        var release = Release(Tuesday);
        var tasks = RolloutScheduler.Instantiate(release, Playbook(Step("surge", 0, 12)),
            WorkingCalendar.MondayToFriday).Value!;
        var mondaysOnly = WorkingCalendar.Create([DayOfWeek.Monday]).Value!;

        var update = RolloutScheduler.ApplyCalendar(release, tasks, mondaysOnly).Value!;

        var surge = Assert.Single(update.Tasks);
        Assert.Equal((Tuesday, new DateOnly(2026, 3, 21), new DateOnly(2026, 3, 16)),
            (surge.WindowStart!.Value, surge.WindowEnd!.Value, surge.DueDate));
        Assert.Equal(new DateOnly(2026, 3, 20), Assert.Single(update.Changes).OldDueDate);
    }

    [Fact]
    public void ApplyCalendar_ClosedRelease_IsRefused()
    {
        var release = Release(Tuesday, status: ReleaseStatus.Released);

        var result = RolloutScheduler.ApplyCalendar(release, [], WorkingCalendar.MondayToFriday);

        Assert.False(result.IsOk);
        Assert.Contains(result.Errors, e => e.Field == "Status");
    }
}
