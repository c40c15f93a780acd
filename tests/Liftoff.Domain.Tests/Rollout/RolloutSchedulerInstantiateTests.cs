using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Rollout.DefaultPlaybook;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class RolloutSchedulerInstantiateTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    [Fact]
    public void Instantiate_DefaultPlaybook_DatesEveryStep()
    {
        var tasks = RolloutScheduler.Instantiate(Release(Tuesday), DefaultPlaybook.Create(),
            WorkingCalendar.MondayToFriday).Value!;
        var due = tasks.ToDictionary(t => t.StepKey, t => t.DueDate);

        Assert.Equal(new DateOnly(2026, 2, 10), due[ContentDiscussion]);
        Assert.Equal(new DateOnly(2026, 2, 10), due[InternalNotesReview]);
        Assert.Equal(new DateOnly(2026, 2, 24), due[KbAnnouncement]);
        Assert.Equal(new DateOnly(2026, 2, 24), due[Newsletter]);
        Assert.Equal(new DateOnly(2026, 2, 27), due[KbIteration]); // Saturday 28th moves to Friday
        Assert.Equal(Tuesday, due[DeliveryRollout]);
        Assert.Equal(Tuesday, due[LendingShopUpdate]);
        Assert.Equal(new DateOnly(2026, 3, 23), due[SupportSurge]);
    }

    [Fact]
    public void Instantiate_NoSignificantChanges_SkipsFieldHandover()
    {
        var tasks = RolloutScheduler.Instantiate(Release(Tuesday, significant: false), DefaultPlaybook.Create(),
            WorkingCalendar.MondayToFriday).Value!;

        Assert.DoesNotContain(tasks, t => t.StepKey == FieldHandover);
        Assert.Equal(9, tasks.Count);
    }

    [Fact]
    public void Instantiate_SignificantChanges_AddsFieldHandoverOnPreviousWorkingDay()
    {
        var tasks = RolloutScheduler.Instantiate(Release(Tuesday, significant: true), DefaultPlaybook.Create(),
            WorkingCalendar.MondayToFriday).Value!;

        // Two days before Tuesday is Sunday, so the handover moves to Friday.
        Assert.Equal(new DateOnly(2026, 3, 6), tasks.Single(t => t.StepKey == FieldHandover).DueDate);
    }

    [Fact]
    public void Instantiate_Window_HasCalendarStartAndEnd()
    {
        var tasks = RolloutScheduler.Instantiate(Release(Tuesday), DefaultPlaybook.Create(),
            WorkingCalendar.MondayToFriday).Value!;

        var surge = tasks.Single(t => t.StepKey == SupportSurge);
        Assert.Equal(Tuesday, surge.WindowStart);
        Assert.Equal(new DateOnly(2026, 3, 23), surge.WindowEnd);
        var lending = tasks.Single(t => t.StepKey == LendingShopUpdate);
        Assert.Null(lending.WindowStart);
        Assert.Null(lending.WindowEnd);
    }

    [Fact]
    public void Instantiate_WindowEndingOnSunday_DueOnFriday()
    {
        var playbook = Playbook(Step("w", 0, 6)); // Tuesday..Sunday

        var task = Assert.Single(RolloutScheduler.Instantiate(Release(Tuesday), playbook,
            WorkingCalendar.MondayToFriday).Value!);

        Assert.Equal(new DateOnly(2026, 3, 15), task.WindowEnd);
        Assert.Equal(new DateOnly(2026, 3, 13), task.DueDate);
    }

    [Fact]
    public void Instantiate_DueOnHoliday_MovesToPreviousWorkingDay()
    {
        var calendar = WorkingCalendar.MondayToFriday.WithHolidays([Tuesday, new DateOnly(2026, 3, 9)]);

        var task = Assert.Single(RolloutScheduler.Instantiate(Release(Tuesday), Playbook(Step("a")), calendar).Value!);

        Assert.Equal(new DateOnly(2026, 3, 6), task.DueDate);
    }

    [Fact]
    public void Instantiate_CopiesStepDetailsAndStartsTodo()
    {
        var step = Step("a", -3, 0) with { Description = "why", Checklist = ["one", "two"], Prerequisites = [] };

        var task = Assert.Single(RolloutScheduler.Instantiate(Release(Tuesday), Playbook(step),
            WorkingCalendar.MondayToFriday).Value!);

        Assert.Equal(RolloutTaskStatus.Todo, task.Status);
        Assert.Equal(-3, task.OffsetDays);
        Assert.Equal("why", task.Description);
        Assert.Equal(["one", "two"], task.Checklist);
    }

    [Fact]
    public void Instantiate_InvalidPlaybook_ReturnsItsErrors()
    {
        var outcome = RolloutScheduler.Instantiate(Release(Tuesday), Playbook(Step("a", 0, 0, "a")),
            WorkingCalendar.MondayToFriday);

        Assert.False(outcome.IsOk);
        Assert.Equal("Playbook.Steps[0].Prerequisites", Assert.Single(outcome.Errors).Field);
    }

    [Theory]
    [InlineData(ReleaseStatus.Released)]
    [InlineData(ReleaseStatus.Cancelled)]
    public void Instantiate_ClosedRelease_Refuses(ReleaseStatus status)
    {
        var outcome = RolloutScheduler.Instantiate(Release(Tuesday, status: status), Playbook(Step("a")),
            WorkingCalendar.MondayToFriday);

        Assert.Equal("Status", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void Instantiate_DateOutsideSupportedRange_Refuses()
    {
        var outcome = RolloutScheduler.Instantiate(Release(new DateOnly(202, 3, 10)), Playbook(Step("a")),
            WorkingCalendar.MondayToFriday);

        Assert.Equal("PlannedDate", Assert.Single(outcome.Errors).Field);
    }
}
