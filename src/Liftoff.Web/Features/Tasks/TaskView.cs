using Liftoff.Domain.Rollout;

namespace Liftoff.Web.Features.Tasks;

/// <summary>A release task as pages and the API show it.</summary>
public sealed record TaskView(
    int Id,
    int ReleaseId,
    string StepKey,
    string Name,
    string Owners,
    string OwnersText,
    IReadOnlyList<string> Prerequisites,
    int OffsetDays,
    int DurationDays,
    DateOnly DueDate,
    DateOnly? WindowStart,
    DateOnly? WindowEnd,
    RolloutTaskStatus Status,
    SkipReason? SkipReason,
    string? SkipNote,
    string? AssigneeUserId,
    string? AssigneeName,
    string Description,
    IReadOnlyList<string> Checklist,
    DateTimeOffset? CompletedAt,
    bool IsOverdue,
    int RowVersion)
{
    public DateOnly Start => WindowStart ?? DueDate;

    public DateOnly End => WindowEnd ?? DueDate;

    public bool IsOpen => Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress;
}
