namespace Liftoff.Web.Features.Backlog.Priorities;

/// <summary>
/// The body of `PUT /api/requests/priority-weights`. Saving replaces every weight, so a body that
/// leaves one out (or `{}`) would silently set it to zero: every field and the row version read
/// with the weights are required.
/// </summary>
public sealed record WeightsRequest(
    double? PointsPerVote,
    string? SegmentMultipliers,
    string? TierMultipliers,
    double? ResellerMultiplier,
    double? CustomerMultiplier,
    double? SurveyPoints,
    double? DealPointsPer10K,
    double? DealPointsCap,
    double? UrgencyPoints,
    double? PartnershipPoints,
    double? StrategicFitPoints,
    int? RowVersion)
{
    public Dictionary<string, string[]> MissingFields()
    {
        var missing = new Dictionary<string, string[]>();
        void Need(object? value, string field)
        {
            if (value is null)
            {
                missing[field] = [$"Give {field}: saving replaces all weights, so every one is required."];
            }
        }
        Need(PointsPerVote, nameof(PointsPerVote));
        Need(SegmentMultipliers, nameof(SegmentMultipliers));
        Need(TierMultipliers, nameof(TierMultipliers));
        Need(ResellerMultiplier, nameof(ResellerMultiplier));
        Need(CustomerMultiplier, nameof(CustomerMultiplier));
        Need(SurveyPoints, nameof(SurveyPoints));
        Need(DealPointsPer10K, nameof(DealPointsPer10K));
        Need(DealPointsCap, nameof(DealPointsCap));
        Need(UrgencyPoints, nameof(UrgencyPoints));
        Need(PartnershipPoints, nameof(PartnershipPoints));
        Need(StrategicFitPoints, nameof(StrategicFitPoints));
        if (RowVersion is null)
        {
            missing[nameof(RowVersion)] =
                ["Give the rowVersion read with the weights, so that nobody's change is overwritten unseen."];
        }
        return missing;
    }

    /// <summary>Only after <see cref="MissingFields"/> found nothing.</summary>
    public WeightsInput ToInput() => new(PointsPerVote!.Value, SegmentMultipliers, TierMultipliers,
        ResellerMultiplier!.Value, CustomerMultiplier!.Value, SurveyPoints!.Value, DealPointsPer10K!.Value,
        DealPointsCap!.Value, UrgencyPoints!.Value, PartnershipPoints!.Value, StrategicFitPoints!.Value, RowVersion);
}
