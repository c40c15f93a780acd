using Liftoff.Domain.Rollout;

namespace Liftoff.Data.Rollout;

/// <summary>A reusable list of rollout steps dated relative to a release.</summary>
public class PlaybookEntity
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The playbook new releases of this product kind get unless another is chosen.</summary>
    public ProductKind? DefaultFor { get; set; }

    public List<PlaybookStepEntity> Steps { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public int RowVersion { get; set; }
}

public class PlaybookStepEntity
{
    public int Id { get; set; }

    public int PlaybookId { get; set; }

    public int Position { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Negative: before the release date.</summary>
    public int OffsetAmount { get; set; }

    public OffsetUnit OffsetUnit { get; set; }

    public int DurationDays { get; set; }

    /// <summary>Owners as "team:delivery" or "lead:customer-success", separated by ";".</summary>
    public string Owners { get; set; } = "";

    public ReleaseField? ConditionField { get; set; }

    public string? ConditionValue { get; set; }

    /// <summary>Keys of prerequisite steps, separated by ";".</summary>
    public string Prerequisites { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>One checklist line per line.</summary>
    public string Checklist { get; set; } = "";
}
