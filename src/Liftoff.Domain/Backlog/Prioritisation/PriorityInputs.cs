namespace Liftoff.Domain.Backlog.Prioritisation;

/// <summary>How pressing a sales opportunity behind a request is.</summary>
public enum SalesUrgency
{
    None,
    Low,
    Medium,
    High,
}

/// <summary>One requestor's vote, described by the organisation that asked.</summary>
public sealed record VoteInput(string? Segment, string? Tier, bool IsCustomer);

/// <summary>Everything that feeds one request's priority score.</summary>
/// <param name="Votes">Requestors counted on the request (each organisation and contact once).</param>
/// <param name="SurveyScore">Imported customer-survey result (a score or a count); null when none was imported.</param>
/// <param name="DealValue">Value of sales deals that depend on the request.</param>
/// <param name="Urgency">Sales urgency.</param>
/// <param name="PartnershipStrength">0 when no partnership consideration applies, else 1 (minor) to 5
/// (decisive).</param>
/// <param name="StrategicFit">A lead's rating from 1 (poor fit) to 5 (core to the strategy); null when not
/// rated.</param>
public sealed record PriorityInputs(
    IReadOnlyList<VoteInput> Votes,
    double? SurveyScore = null,
    decimal DealValue = 0,
    SalesUrgency Urgency = SalesUrgency.None,
    int PartnershipStrength = 0,
    int? StrategicFit = null);

/// <summary>One line of a score's breakdown.</summary>
public sealed record ScoreComponent(string Key, string Label, string Detail, double Points);

/// <summary>A priority score and how it was reached.</summary>
public sealed record PriorityScore(double Total, IReadOnlyList<ScoreComponent> Components)
{
    public string Summary => string.Join(" · ", Components.Where(c => c.Points != 0)
        .Select(c => $"{c.Label} {c.Points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}"));
}
