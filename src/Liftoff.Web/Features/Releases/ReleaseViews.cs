using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;

namespace Liftoff.Web.Features.Releases;

public sealed record ReleaseSummary(
    int Id,
    ProductKind Product,
    string Version,
    string Name,
    DateOnly PlannedDate,
    bool SignificantChanges,
    ReleaseStatus Status,
    RolloutPhase Phase,
    int OpenTasks,
    int OverdueTasks);

public sealed record ReleaseView(
    int Id,
    ProductKind Product,
    string Version,
    string Name,
    DateOnly PlannedDate,
    bool SignificantChanges,
    ReleaseStatus Status,
    string ContentSummary,
    int? PlaybookId,
    string? PlaybookName,
    RolloutPhase Phase,
    IReadOnlyList<TaskView> Tasks,
    int RowVersion)
{
    public string Title => Liftoff.Domain.Rollout.ReleaseNames.Display(Product, Version, Name);
}

/// <summary>
/// The plan section of the release page (timeline and tasks), also returned alone after a task change.
/// </summary>
public sealed record ReleasePlanView(ReleaseView Release, string Token, string? Message, IReadOnlyList<string> Errors);
