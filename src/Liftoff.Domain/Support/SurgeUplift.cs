namespace Liftoff.Domain.Support;

/// <summary>
/// How much above baseline support runs on each day after a release, learned from past releases
/// of the same kind (significant or not) and pulled toward the configured default when they are few.
/// </summary>
public sealed record SurgeUplift(
    bool SignificantChanges,
    IReadOnlyList<double> PerDay,
    int ReleasesLearnedFrom,
    double LevelSpread)
{
    /// <summary>
    /// Learns from the releases whose whole window lies before <paramref name="before"/>. Windows
    /// that overlap another release are left out, as their uplift cannot be told apart. A release
    /// counts only when it has ticket counts inside its window: at least one counted day in the
    /// window, and counts in the weeks before it to build its baseline from.
    /// </summary>
    public static SurgeUplift Learn(
        TicketHistory history, IReadOnlyList<PastRelease> releases, DateOnly before, bool significantChanges,
            SurgeForecastOptions options)
    {
        var window = options.WindowDays;
        var allDates = releases.Select(r => r.Date).Order().ToList();
        var observed = new List<(double[] Actual, double[] Baseline)>();
        foreach (var release in releases.Where(r => r.SignificantChanges == significantChanges
            && r.Date.AddDays(window) <= before))
        {
            if (allDates.Any(d => d > release.Date && d < release.Date.AddDays(window)))
            {
                continue;
            }
            var excluded = SupportBaseline.SurgeDays(allDates.Where(d => d < release.Date), window);
            var baseline = SupportBaseline.Compute(history, release.Date, excluded, options.Baseline);
            if (!baseline.HasData)
            {
                continue;
            }
            var actual = new double[window];
            var expected = new double[window];
            for (var d = 0; d < window; d++)
            {
                var date = release.Date.AddDays(d);
                (actual[d], expected[d]) = history.TryGet(date, out var y) && baseline.On(date) > 0
                    ? (y, baseline.On(date)) : (double.NaN, double.NaN);
            }
            if (actual.All(double.IsNaN))
            {
                continue;
            }
            observed.Add((actual, expected));
        }

        var perDay = new double[window];
        for (var d = 0; d < window; d++)
        {
            var (uplift, n) = PooledUplift(observed.Where(o => !double.IsNaN(o.Actual[d]))
                .Select(o => (o.Actual[d], o.Baseline[d])).ToList());
            perDay[d] = n + options.PriorReleases > 0
                ? ((n * uplift) + (options.PriorReleases * options.DefaultUplift(d))) / (n + options.PriorReleases)
                : options.DefaultUplift(d);
        }
        return new(significantChanges, perDay, observed.Count, EstimateLevelSpread(observed, perDay, options));
    }

    /// <summary>
    /// Baseline-weighted mean ratio, with each release's ratio clipped to three robust standard
    /// deviations of the others so one incident during a surge does not teach a permanent uplift.
    /// </summary>
    private static (double Uplift, int Count) PooledUplift(List<(double Actual, double Baseline)> days)
    {
        if (days.Count == 0)
        {
            return (0, 0);
        }
        var ratios = days.Select(x => x.Actual / x.Baseline).ToList();
        var median = SupportBaseline.Median(ratios);
        var spread = Math.Max(1.4826 * SupportBaseline.Median(ratios.Select(r => Math.Abs(r - median))), 0.05);
        var weighted = days.Sum(x => x.Baseline * Math.Clamp(x.Actual / x.Baseline, median - (3 * spread), median
            + (3 * spread)));
        return ((weighted / days.Sum(x => x.Baseline)) - 1, days.Count);
    }

    /// <summary>How much whole surges differ from one release to the next, shrunk toward the default.</summary>
    private static double EstimateLevelSpread(List<(double[] Actual, double[] Baseline)> observed, double[] perDay,
        SurgeForecastOptions options)
    {
        var levels = new List<double>();
        foreach (var (actual, baseline) in observed)
        {
            var days = Enumerable.Range(0, perDay.Length).Where(d => !double.IsNaN(actual[d])).ToList();
            var expected = days.Sum(d => baseline[d] * (1 + perDay[d]));
            if (expected > 0)
            {
                levels.Add(days.Sum(d => actual[d]) / expected);
            }
        }
        if (levels.Count < 3)
        {
            return options.DefaultLevelSpread;
        }
        var median = SupportBaseline.Median(levels);
        var empirical = 1.4826 * SupportBaseline.Median(levels.Select(l => Math.Abs(l - median)));
        var variance = ((levels.Count * empirical * empirical) + (
            options.PriorReleases * options.DefaultLevelSpread * options.DefaultLevelSpread))
            / (levels.Count + options.PriorReleases);
        return Math.Sqrt(variance);
    }
}
