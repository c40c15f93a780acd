using System.ComponentModel.DataAnnotations;
using Liftoff.Data.Backlog;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Backlog.Prioritisation;

namespace Liftoff.Web.Features.Backlog.Priorities;

/// <summary>Sales and partnership inputs a staff member records on a request.</summary>
public sealed record PriorityInputsInput(
    [property: Range(0, 1_000_000_000, ErrorMessage = "The deal value must be from 0 to " +
        "1,000,000,000.")] decimal? DealValue,
    SalesUrgency? Urgency,
    [property: Range(0, PriorityScoring.MaxPartnershipStrength, ErrorMessage = "The partnership weight must be from " +
        "0 (none) to 5.")] int? PartnershipStrength,
    [property: StringLength(2000)] string? PartnershipNote);

/// <summary>A lead's strategic-fit rating; null clears it.</summary>
public sealed record StrategicFitInput([property: Range(1, PriorityScoring.MaxStrategicFit,
    ErrorMessage = "Rate the strategic fit from 1 to 5.")] int? Rating);

public sealed record WeightsInput(
    double PointsPerVote,
    string? SegmentMultipliers,
    string? TierMultipliers,
    double ResellerMultiplier,
    double CustomerMultiplier,
    double SurveyPoints,
    double DealPointsPer10K,
    double DealPointsCap,
    double UrgencyPoints,
    double PartnershipPoints,
    double StrategicFitPoints,
    int? RowVersion = null);

public sealed record WeightsView(WeightsInput Weights, bool IsDefault, DateTimeOffset? UpdatedAt);

public sealed record RankedRequest(long Id, string Title, string? Area, FeatureRequestStatus Status, int Votes,
    double Score, string Breakdown, IReadOnlyList<string> Segments);

public sealed record RankingFilter(string? Area = null, FeatureRequestStatus? Status = null, string? Segment = null,
    string? Sort = null);
