using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;

namespace Liftoff.Data.Rollout;

/// <summary>A playbook step instantiated for one release (see the domain's RolloutTask).</summary>
public class RolloutTaskEntity
{
    public int Id { get; set; }

    public int ReleaseId { get; set; }

    public ReleaseEntity? Release { get; set; }

    /// <summary>Unique within the release; other areas complete tasks by this key (e.g. the newsletter step).</summary>
    public string StepKey { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Owners as "team:delivery" or "lead:customer-success", separated by ";".</summary>
    public string Owners { get; set; } = "";

    public string Prerequisites { get; set; } = "";

    public int OffsetDays { get; set; }

    public int DurationDays { get; set; }

    public DateOnly DueDate { get; set; }

    public DateOnly? WindowStart { get; set; }

    public DateOnly? WindowEnd { get; set; }

    public RolloutTaskStatus Status { get; set; }

    public SkipReason? SkipReason { get; set; }

    public string? SkipNote { get; set; }

    public string? AssigneeUserId { get; set; }

    public AppUser? Assignee { get; set; }

    public string Description { get; set; } = "";

    public string Checklist { get; set; } = "";

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedByUserId { get; set; }

    public int RowVersion { get; set; }
}
