using Liftoff.Domain.Backlog.Prioritisation;

namespace Liftoff.Data.Backlog;

/// <summary>A staff comment on a request. It stays on its own request, so a merge never loses it.</summary>
public class RequestComment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public string Body { get; set; } = "";

    public string? AuthorUserId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One merge of a duplicate into the request that is kept; undone by an unmerge.</summary>
public class RequestMerge
{
    public long Id { get; set; }

    public long KeptRequestId { get; set; }

    public long MergedRequestId { get; set; }

    /// <summary>The merged request's status before the merge, given back on unmerge.</summary>
    public FeatureRequestStatus PreviousStatus { get; set; }

    public DateTimeOffset MergedAt { get; set; }

    public string? MergedByUserId { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }

    public string? UndoneByUserId { get; set; }

    public List<RequestMergeVote> Votes { get; set; } = [];
}

/// <summary>
/// What a merge did with one vote of the merged request: moved it to the kept request, or left it
/// where it was because the same organisation and contact already counted on the kept one.
/// </summary>
public class RequestMergeVote
{
    public long Id { get; set; }

    public long MergeId { get; set; }

    public long VoteId { get; set; }

    public bool Moved { get; set; }
}

/// <summary>Prioritisation inputs of one request besides its votes.</summary>
public class RequestPriority
{
    public long RequestId { get; set; }

    public double? SurveyScore { get; set; }

    public DateTimeOffset? SurveyImportedAt { get; set; }

    public decimal DealValue { get; set; }

    public SalesUrgency Urgency { get; set; }

    /// <summary>0 when no partnership consideration applies, else 1 to 5.</summary>
    public int PartnershipStrength { get; set; }

    public string PartnershipNote { get; set; } = "";

    /// <summary>A lead's rating from 1 to 5; null when not rated.</summary>
    public int? StrategicFit { get; set; }

    public string? StrategicFitByUserId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>The shared prioritisation weights: one row, so every instance scores alike.</summary>
public class PrioritySettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public double PointsPerVote { get; set; }

    /// <summary>"Enterprise=1.5; SMB=1" — segment multipliers.</summary>
    public string SegmentMultipliers { get; set; } = "";

    /// <summary>"Gold=1.5; Silver=1.2" — tier multipliers.</summary>
    public string TierMultipliers { get; set; } = "";

    public double ResellerMultiplier { get; set; }

    public double CustomerMultiplier { get; set; }

    public double SurveyPoints { get; set; }

    public double DealPointsPer10K { get; set; }

    public double DealPointsCap { get; set; }

    public double UrgencyPoints { get; set; }

    public double PartnershipPoints { get; set; }

    public double StrategicFitPoints { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>A request's score after a change of its inputs or of the weights.</summary>
public class RequestScoreChange
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public double Score { get; set; }

    public double? PreviousScore { get; set; }

    public string Reason { get; set; } = "";

    public string Breakdown { get; set; } = "";

    public string? ByUserId { get; set; }
}

/// <summary>One change of a request's status.</summary>
public class RequestStatusChange
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public FeatureRequestStatus From { get; set; }

    public FeatureRequestStatus To { get; set; }

    public string Note { get; set; } = "";

    public string? ByUserId { get; set; }
}
