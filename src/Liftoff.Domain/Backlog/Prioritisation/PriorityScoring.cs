using System.Globalization;

namespace Liftoff.Domain.Backlog.Prioritisation;

/// <summary>
/// The priority of a feature request: a sum of points from votes (weighted by who asked), customer
/// surveys, sales deals and urgency, partnership considerations and a lead's strategic-fit rating.
/// Returns every part, so people can see why a request ranks where it does.
/// </summary>
public static class PriorityScoring
{
    public const int MaxStrategicFit = 5;
    public const int MaxPartnershipStrength = 5;

    public static PriorityScore Compute(PriorityInputs inputs, PriorityWeights weights)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(weights);
        var components = new List<ScoreComponent>(5);

        var votePoints = 0.0;
        foreach (var vote in inputs.Votes)
        {
            votePoints += weights.PointsPerVote
                * weights.SegmentMultiplier(vote.Segment)
                * weights.TierMultiplier(vote.Tier)
                * (vote.IsCustomer ? weights.CustomerMultiplier : weights.ResellerMultiplier);
        }
        components.Add(new ScoreComponent("votes", "Votes", Plural(inputs.Votes.Count, "requestor")
            + ", weighted by segment, tier and kind", votePoints));

        var survey = Math.Max(0, inputs.SurveyScore ?? 0);
        components.Add(new ScoreComponent("survey", "Survey",
            inputs.SurveyScore is null ? "no survey result"
                : $"survey result {Number(survey)} × {Number(weights.SurveyPoints)}",
            survey * weights.SurveyPoints));

        var dealValue = (double)Math.Max(0, inputs.DealValue);
        var dealPoints = Math.Min(weights.DealPointsCap, dealValue / 10_000 * weights.DealPointsPer10K);
        var urgency = (int)inputs.Urgency;
        components.Add(new ScoreComponent("sales", "Sales",
            $"deals worth {dealValue.ToString("#,0", CultureInfo.InvariantCulture)} (capped at " +
                $"{Number(weights.DealPointsCap)} points), urgency {inputs.Urgency}",
            dealPoints + (urgency * weights.UrgencyPoints)));

        var strength = Math.Clamp(inputs.PartnershipStrength, 0, MaxPartnershipStrength);
        components.Add(new ScoreComponent("partnership", "Partnership",
            strength == 0 ? "no partnership consideration"
                : $"partnership weight {strength} of {MaxPartnershipStrength}",
            strength * weights.PartnershipPoints));

        var fit = inputs.StrategicFit is { } f ? Math.Clamp(f, 1, MaxStrategicFit) : 0;
        components.Add(new ScoreComponent("strategic-fit", "Strategic fit",
            fit == 0 ? "not rated by a lead" : $"rated {fit} of {MaxStrategicFit} by a lead",
            fit * weights.StrategicFitPoints));

        var rounded = components.Select(c => c with { Points = Math.Round(c.Points, 1) }).ToList();
        return new PriorityScore(Math.Round(components.Sum(c => c.Points), 1), rounded);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
