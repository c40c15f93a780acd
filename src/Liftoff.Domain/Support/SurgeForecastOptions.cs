namespace Liftoff.Domain.Support;

/// <summary>A release in the ticket history, with the flag that predicts how hard support gets hit.</summary>
public sealed record PastRelease(DateOnly Date, bool SignificantChanges);

public sealed record SurgeForecastOptions
{
    /// <summary>Days from release day on that the surge lasts; release day is day 0.</summary>
    public int WindowDays { get; init; } = 14;

    /// <summary>Uplift on release day assumed before any history exists; it fades linearly to zero over the
    /// window.</summary>
    public double DefaultPeakUplift { get; init; } = 0.40;

    /// <summary>How many releases' worth of weight the default keeps; more history outweighs it.</summary>
    public double PriorReleases { get; init; } = 3;

    /// <summary>Release-to-release spread of the surge level assumed before history shows it.</summary>
    public double DefaultLevelSpread { get; init; } = 0.20;

    /// <summary>Half-width of the band in standard deviations; 1.645 gives a 90 % band.</summary>
    public double BandZ { get; init; } = 1.645;

    public SupportBaselineOptions Baseline { get; init; } = new();

    public double DefaultUplift(int day) => DefaultPeakUplift * (WindowDays - day) / WindowDays;

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (WindowDays is < 1 or > 90)
        {
            errors.Add(new(nameof(WindowDays), "The surge window must be 1 to 90 days."));
        }
        if (DefaultPeakUplift is < -1 or > 10 || double.IsNaN(DefaultPeakUplift))
        {
            errors.Add(new(nameof(DefaultPeakUplift), "The default uplift must be between -100 % and +1000 %."));
        }
        if (PriorReleases < 0 || double.IsNaN(PriorReleases))
        {
            errors.Add(new(nameof(PriorReleases), "The weight of the default cannot be negative."));
        }
        if (DefaultLevelSpread < 0 || double.IsNaN(DefaultLevelSpread))
        {
            errors.Add(new(nameof(DefaultLevelSpread), "The default spread cannot be negative."));
        }
        if (BandZ <= 0 || double.IsNaN(BandZ))
        {
            errors.Add(new(nameof(BandZ), "The band width must be positive."));
        }
        if (Baseline.Weeks < 1 || Baseline.MaxWeeks < Baseline.Weeks || Baseline.MinSamplesPerWeekday < 1)
        {
            errors.Add(new(nameof(Baseline),
                "The baseline needs at least one week, a maximum no shorter than that, and at least one sample per " +
                    "weekday."));
        }
        return errors;
    }
}
