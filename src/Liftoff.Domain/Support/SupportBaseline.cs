namespace Liftoff.Domain.Support;

public sealed record SupportBaselineOptions
{
    /// <summary>How far back the baseline looks normally.</summary>
    public int Weeks { get; init; } = 8;

    /// <summary>How far back it may reach when the normal window holds too few days of a weekday.</summary>
    public int MaxWeeks { get; init; } = 26;

    public int MinSamplesPerWeekday { get; init; } = 3;
}

/// <summary>Expected tickets per weekday in normal times, with how noisy normal times are.</summary>
public sealed class WeekdayBaseline
{
    internal WeekdayBaseline(double[] levels, int[] samples, double dispersion)
    {
        Levels = levels;
        Samples = samples;
        Dispersion = dispersion;
    }

    /// <summary>Indexed by <see cref="DayOfWeek"/>.</summary>
    public IReadOnlyList<double> Levels { get; }

    /// <summary>How many days each weekday's level rests on (0 when it was borrowed from similar days).</summary>
    public IReadOnlyList<int> Samples { get; }

    /// <summary>Day-to-day variance relative to a Poisson count of the same mean (1 = pure Poisson).</summary>
    public double Dispersion { get; }

    public bool HasData => Samples.Any(s => s > 0);

    public double On(DateOnly date) => Levels[(int)date.DayOfWeek];
}

/// <summary>
/// Normal ticket volume before a date, per weekday. Medians keep a single outage or incident day
/// from moving the level; past surge windows can be left out so one release does not inflate the
/// baseline of the next.
/// </summary>
public static class SupportBaseline
{
    // Median of a chi-square with one degree of freedom: turns a median squared residual into a variance.
    private const double ChiSquareMedian = 0.4549;

    public static WeekdayBaseline Compute(
        TicketHistory history, DateOnly before, IReadOnlySet<DateOnly>? excludedDays = null,
            SupportBaselineOptions? options = null)
    {
        options ??= new();
        var samples = new List<int>[7];
        for (var d = 0; d < 7; d++)
        {
            samples[d] = [];
        }
        for (var back = 1; back <= options.MaxWeeks * 7; back++)
        {
            var date = before.AddDays(-back);
            var list = samples[(int)date.DayOfWeek];
            var inNormalWindow = back <= options.Weeks * 7;
            if ((inNormalWindow || list.Count < options.MinSamplesPerWeekday)
                && excludedDays?.Contains(date) != true
                && history.TryGet(date, out var count))
            {
                list.Add(count);
            }
        }

        var levels = samples.Select(s => s.Count > 0 ? Median(s.Select(v => (double)v)) : double.NaN).ToArray();
        var all = samples.SelectMany(s => s).Select(v => (double)v).ToList();
        for (var d = 0; d < 7; d++)
        {
            if (double.IsNaN(levels[d]))
            {
                // Borrow from days of the same kind (weekend or weekday), else from all days.
                var weekend = IsWeekend(d);
                var similar = samples.Where((s, i) => IsWeekend(i) == weekend).SelectMany(s => s).Select(v => (double)v)
                    .ToList();
                levels[d] = similar.Count > 0 ? Median(similar) : all.Count > 0 ? Median(all) : 0;
            }
        }
        return new(levels, samples.Select(s => s.Count).ToArray(), Dispersion(samples, levels));
    }

    /// <summary>The surge windows of the given releases, to pass as excluded days.</summary>
    public static IReadOnlySet<DateOnly> SurgeDays(IEnumerable<DateOnly> releaseDates, int windowDays) =>
        releaseDates.SelectMany(r => Enumerable.Range(0, windowDays).Select(r.AddDays)).ToHashSet();

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static bool IsWeekend(int day) => day is (int)DayOfWeek.Saturday or (int)DayOfWeek.Sunday;

    // Robust: outlier days would otherwise make every band absurdly wide.
    private static double Dispersion(List<int>[] samples, double[] levels)
    {
        var scaled = new List<double>();
        for (var d = 0; d < 7; d++)
        {
            if (samples[d].Count >= 2 && levels[d] > 0)
            {
                scaled.AddRange(samples[d].Select(v => (v - levels[d]) * (v - levels[d]) / levels[d]));
            }
        }
        // Too few days to tell: assume somewhat noisier than Poisson, as ticket counts usually are.
        return scaled.Count < 7 ? 2.0 : Math.Clamp(Median(scaled) / ChiSquareMedian, 1.0, 1000.0);
    }
}
