using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Rollout.DefaultPlaybook;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

/// <summary>How one playbook step becomes a task: the rule both planning and applying a playbook use.</summary>
public class RolloutSchedulerStepTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    [Fact]
    public void PlaceStep_CopiesTheStepAndDatesIt()
    {
        var step = Step("kb", offsetDays: -10) with
        {
            Prerequisites = ["notes"],
            Description = "Announce it",
            Checklist = ["Draft", "Publish"],
        };

        var task = RolloutScheduler.PlaceStep(step, Tuesday, WorkingCalendar.MondayToFriday);

        Assert.Equal("kb", task.StepKey);
        Assert.Equal("Step kb", task.Name);
        Assert.Equal(step.Owners, task.Owners);
        Assert.Equal(["notes"], task.Prerequisites);
        Assert.Equal(-10, task.OffsetDays);
        Assert.Equal("Announce it", task.Description);
        Assert.Equal(["Draft", "Publish"], task.Checklist);
        Assert.Equal(RolloutTaskStatus.Todo, task.Status);
        Assert.Null(task.SkipReason);
        Assert.Equal(new DateOnly(2026, 2, 27), task.DueDate); // Saturday 28th moves to Friday
    }

    [Fact]
    public void PlaceStep_WithDuration_GivesAWindowEndingOnAWorkingDay()
    {
        var task = RolloutScheduler.PlaceStep(Step("surge", offsetDays: 1, duration: 5), Tuesday,
            WorkingCalendar.MondayToFriday);

        Assert.Equal(new DateOnly(2026, 3, 11), task.WindowStart);
        Assert.Equal(new DateOnly(2026, 3, 15), task.WindowEnd);
        Assert.Equal(new DateOnly(2026, 3, 13), task.DueDate); // Sunday 15th moves to Friday
    }

    [Fact]
    public void PlaceStep_GivesWhatInstantiateGivesForEveryApplyingStep()
    {
        var release = Release(Tuesday, significant: true);
        var playbook = DefaultPlaybook.Create();

        var planned = RolloutScheduler.Instantiate(release, playbook, WorkingCalendar.MondayToFriday).Value!;
        var placed = playbook.Steps.Where(s => RolloutScheduler.Applies(s, release))
            .Select(s => RolloutScheduler.PlaceStep(s, Tuesday, WorkingCalendar.MondayToFriday)).ToList();

        Assert.Equal(planned.Select(t => (t.StepKey, t.DueDate, t.WindowStart, t.WindowEnd)),
            placed.Select(t => (t.StepKey, t.DueDate, t.WindowStart, t.WindowEnd)));
    }

    [Fact]
    public void Applies_ConditionalStep_OnlyWhenTheReleaseMeetsIt()
    {
        var handover = DefaultPlaybook.Create().Steps.Single(s => s.Key == FieldHandover);

        Assert.True(RolloutScheduler.Applies(handover, Release(Tuesday, significant: true)));
        Assert.False(RolloutScheduler.Applies(handover, Release(Tuesday, significant: false)));
        Assert.True(RolloutScheduler.Applies(Step("plain"), Release(Tuesday, significant: false)));
    }
}
