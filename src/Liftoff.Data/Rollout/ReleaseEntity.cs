using Liftoff.Domain.Rollout;

namespace Liftoff.Data.Rollout;

/// <summary>A software or hardware release with its rollout plan (its tasks).</summary>
public class ReleaseEntity
{
    public int Id { get; set; }

    public ProductKind Product { get; set; }

    /// <summary>The product version being released, e.g. "5.2".</summary>
    public string Version { get; set; } = "";

    public string Name { get; set; } = "";

    public DateOnly PlannedDate { get; set; }

    public bool SignificantChanges { get; set; }

    public ReleaseStatus Status { get; set; }

    public string ContentSummary { get; set; } = "";

    public int? PlaybookId { get; set; }

    public PlaybookEntity? Playbook { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public List<RolloutTaskEntity> Tasks { get; set; } = [];

    public int RowVersion { get; set; }
}
