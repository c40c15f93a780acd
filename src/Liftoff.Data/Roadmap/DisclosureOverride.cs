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
