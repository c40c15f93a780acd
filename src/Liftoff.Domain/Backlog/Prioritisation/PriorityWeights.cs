using System.Globalization;

namespace Liftoff.Domain.Backlog.Prioritisation;

/// <summary>
/// How much each input counts. Multipliers by segment and tier are matched case-insensitively; a
/// segment or tier without an entry counts 1.
/// </summary>
public sealed record PriorityWeights(
    double PointsPerVote,
    IReadOnlyDictionary<string, double> SegmentMultipliers,
    IReadOnlyDictionary<string, double> TierMultipliers,
    double ResellerMultiplier,
    double CustomerMultiplier,
    double SurveyPoints,
    double DealPointsPer10K,
    double DealPointsCap,
    double UrgencyPoints,
    double PartnershipPoints,
    double StrategicFitPoints)
{
    public const double MaxWeight = 1000;

    public static PriorityWeights Default { get; } = new(
        PointsPerVote: 10,
        SegmentMultipliers: Multipliers(("Enterprise", 1.5), ("Public sector", 1.3)),
        TierMultipliers: Multipliers(("Gold", 1.5), ("Silver", 1.2), ("Bronze", 1.0)),
        ResellerMultiplier: 1.2,
        CustomerMultiplier: 1.0,
        SurveyPoints: 1,
        DealPointsPer10K: 2,
        DealPointsCap: 40,
        UrgencyPoints: 5,
        PartnershipPoints: 6,
        StrategicFitPoints: 8);

    public double SegmentMultiplier(string? segment) => Lookup(SegmentMultipliers, segment);

    public double TierMultiplier(string? tier) => Lookup(TierMultipliers, tier);

    /// <summary>Reads "Enterprise=1.5; SMB=0.8" (also with ":" or new lines); empty text is no entries.</summary>
    public static Outcome<IReadOnlyDictionary<string, double>> ParseMultipliers(string? text, string field)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (text ?? "").Split([';', '\n', ','],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(['=', ':'], 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || pair[0].Length > 100)
            {
                return Outcome.Invalid<IReadOnlyDictionary<string, double>>(field,
                    $"“{part}” is not a name=multiplier pair, e.g. Enterprise=1.5.");
            }
            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value) || value < 0 || value > 100)
            {
                return Outcome.Invalid<IReadOnlyDictionary<string, double>>(field,
                    $"The multiplier of “{pair[0]}” must be a number from 0 to 100.");
            }
            if (!result.TryAdd(pair[0], value))
            {
                return Outcome.Invalid<IReadOnlyDictionary<string, double>>(field, $"“{pair[0]}” is listed twice.");
            }
        }
        return Outcome.Ok<IReadOnlyDictionary<string, double>>(result);
    }

    public static string FormatMultipliers(IReadOnlyDictionary<string, double> multipliers) =>
        string.Join("; ", multipliers.Select(m =>
            $"{m.Key}={m.Value.ToString("0.###", CultureInfo.InvariantCulture)}"));

    /// <summary>Every weight must be a finite number from 0 to <see cref="MaxWeight"/>.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        void Check(double value, string field)
        {
            if (!double.IsFinite(value) || value < 0 || value > MaxWeight)
            {
                errors.Add(new FieldError(field, $"{field} must be a number from 0 to {MaxWeight:0}."));
            }
        }
        Check(PointsPerVote, nameof(PointsPerVote));
        Check(ResellerMultiplier, nameof(ResellerMultiplier));
        Check(CustomerMultiplier, nameof(CustomerMultiplier));
        Check(SurveyPoints, nameof(SurveyPoints));
        Check(DealPointsPer10K, nameof(DealPointsPer10K));
        Check(DealPointsCap, nameof(DealPointsCap));
        Check(UrgencyPoints, nameof(UrgencyPoints));
        Check(PartnershipPoints, nameof(PartnershipPoints));
        Check(StrategicFitPoints, nameof(StrategicFitPoints));
        return errors;
    }

    private static Dictionary<string, double> Multipliers(params (string Name, double Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);

    private static double Lookup(IReadOnlyDictionary<string, double> map, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return 1;
        }
        // Settings read back from storage may come with an ordinal dictionary; match by name either way.
        if (map.TryGetValue(key.Trim(), out var value))
        {
            return value;
        }
        foreach (var (name, multiplier) in map)
        {
            if (string.Equals(name, key.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return multiplier;
            }
        }
        return 1;
    }
}
