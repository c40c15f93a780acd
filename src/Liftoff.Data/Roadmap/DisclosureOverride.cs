namespace Liftoff.Data.Roadmap;

/// <summary>A lead's decision that one finding in one exact text may go out anyway, with the reason.</summary>
public class DisclosureOverride
{
    public int Id { get; set; }

    /// <summary>SHA-256 of the exact text the override was given for.</summary>
    public string TextHash { get; set; } = "";

    public int? AudienceOrganisationId { get; set; }

    public int Start { get; set; }

    public int Length { get; set; }

    public string MatchedText { get; set; } = "";

    public string Reason { get; set; } = "";

    public string LeadUserId { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

public enum OverrideRequestStatus
{
    Pending,
    Allowed,
    Declined,
}

/// <summary>
/// Someone who may not override asks a lead to let one finding of one exact text go out, with the reason;
/// a lead allows it (which records a <see cref="DisclosureOverride"/>) or declines it with a comment.
/// </summary>
public class DisclosureOverrideRequest
{
    public int Id { get; set; }

    /// <summary>The exact text as it would go out; the override is given for this text only.</summary>
    public string Text { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Text"/>.</summary>
    public string TextHash { get; set; } = "";

    public int? AudienceOrganisationId { get; set; }

    public int Start { get; set; }

    public int Length { get; set; }

    public string MatchedText { get; set; } = "";

    /// <summary>What the guard said about the passage when it was asked.</summary>
    public string Finding { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The page where the text is (a local path), to go back to once decided.</summary>
    public string Source { get; set; } = "";

    /// <summary>What the text is, in words ("Customer-facing notes of Software 5.4").</summary>
    public string SourceTitle { get; set; } = "";

    public string RequestedByUserId { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public OverrideRequestStatus Status { get; set; }

    public string? DecidedByUserId { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionComment { get; set; }
}
