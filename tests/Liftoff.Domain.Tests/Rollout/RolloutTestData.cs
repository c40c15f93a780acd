using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Tests.Rollout;

/// <summary>Small builders; each test still decides every value that matters to it.</summary>
internal static class RolloutTestData
{
    public static Release Release(DateOnly date, bool significant = false,
        ReleaseStatus status = ReleaseStatus.Planned) =>
        new(Guid.NewGuid(), ProductKind.Software, "5.2.0", date, significant, status);

    public static PlaybookStep Step(string key, int offsetDays = 0, int duration = 0, params string[] prerequisites) =>
        new()
        {
            Key = key,
            Name = $"Step {key}",
            Offset = StepOffset.DaysAfter(offsetDays),
            DurationDays = duration,
            Owners = [StepOwner.Team("delivery")],
            Prerequisites = prerequisites,
        };

    public static Playbook Playbook(params PlaybookStep[] steps) => new("test", "Test playbook", steps);

    public static RolloutTask Task(string key, RolloutTaskStatus status = RolloutTaskStatus.Todo,
        params string[] prerequisites) => new()
        {
            StepKey = key,
            Name = $"Task {key}",
            Owners = [StepOwner.Team("delivery")],
            Prerequisites = prerequisites,
            OffsetDays = 0,
            DueDate = new DateOnly(2026, 3, 10),
            Status = status,
        };
}
