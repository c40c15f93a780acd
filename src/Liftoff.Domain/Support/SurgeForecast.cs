namespace Liftoff.Domain.Support;

/// <summary>One day of the surge window: normal volume, expected volume and the band actuals should stay in.</summary>
public sealed record SurgeDay(DateOnly Date, int DayAfterRelease, double Baseline, double Expected, double Low,
    double High);

/// <summary>Expected ticket volume for the surge window after a release.</summary>
public sealed record SurgeForecast(DateOnly ReleaseDate, bool SignificantChanges, IReadOnlyList<SurgeDay> Days,
    SurgeUplift Uplift)
{
    /// <summary>The multiplier that turns a median's spread into its standard error's square (π/2).</summary>
    private const double MedianVarianceFactor = Math.PI / 2;

    /// <summary>
    /// Forecasts from what was known before <paramref name="releaseDate"/> only: the baseline of the
    /// weeks before it and the surges of releases whose window had ended by then.
    /// </summary>
    public static Outcome<SurgeForecast> Predict(
        TicketHistory history,
        IReadOnlyList<PastRelease> pastReleases,
        DateOnly releaseDate,
        bool significantChanges,
        SurgeForecastOptions? options = null)
    {
        options ??= new();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return Outcome.Invalid<SurgeForecast>(errors);
        }
        var known = history.Before(releaseDate);
        var earlier = pastReleases.Where(r => r.Date < releaseDate).ToList();
        var excluded = SupportBaseline.SurgeDays(earlier.Select(r => r.Date), options.WindowDays);
        var baseline = SupportBaseline.Compute(known, releaseDate, excluded, options.Baseline);
        if (!baseline.HasData)
        {
            return Outcome.Invalid<SurgeForecast>("History",
                $"There are no ticket counts in the {options.Baseline.MaxWeeks} weeks before " +
                    $"{releaseDate:yyyy-MM-dd} to build a baseline from.");
        }
        var uplift = SurgeUplift.Learn(known, earlier, releaseDate, significantChanges, options);

        var days = new List<SurgeDay>(options.WindowDays);
        for (var d = 0; d < options.WindowDays; d++)
        {
            var date = releaseDate.AddDays(d);
            var normal = baseline.On(date);
            var expected = Math.Max(0, normal * (1 + uplift.PerDay[d]));
            // Three sources of error: how this surge differs from past ones, daily noise, and
            // how well a median of a few weeks pins the baseline down.
            var samples = Math.Max(baseline.Samples[(int)date.DayOfWeek], 1);
            var baselineRelativeVariance = normal > 0 ? MedianVarianceFactor * baseline.Dispersion / (normal * samples)
                : 0;
            var variance = (expected * expected * ((uplift.LevelSpread * uplift.LevelSpread)
                + baselineRelativeVariance))
                + (baseline.Dispersion * expected);
            var halfWidth = options.BandZ * Math.Sqrt(variance);
            days.Add(new(date, d, normal, expected, Math.Max(0, expected - halfWidth), expected + halfWidth));
        }
        return Outcome.Ok(new SurgeForecast(releaseDate, significantChanges, days, uplift));
    }
}
