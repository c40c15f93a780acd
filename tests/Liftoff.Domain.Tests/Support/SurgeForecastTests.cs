using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class SurgeForecastTests
{
    private static readonly DateOnly Start = new(2023, 1, 2);

    private static double TrueUplift(PastRelease release, int day) =>
        release.SignificantChanges ? 0.8 * Math.Exp(-day / 5.0) : 0.3 * Math.Exp(-day / 4.0);

    [Fact]
    public void Predict_NoPastReleases_UsesDefaultUpliftFadingOverFourteenDays()
    {
        var release = new DateOnly(2026, 3, 10);
        var history = SyntheticTickets.Flat(release.AddDays(-70), release.AddDays(-1), 100);

        var forecast = SurgeForecast.Predict(history, [], release, significantChanges: false).Value!;

        Assert.Equal(14, forecast.Days.Count);
        Assert.Equal(110 * 1.4, forecast.Days[0].Expected, 9); // Tuesday
        Assert.Equal(forecast.Days[7].Baseline * (1 + (0.4 * 7 / 14)), forecast.Days[7].Expected, 9);
        Assert.Equal(0, forecast.Uplift.ReleasesLearnedFrom);
        Assert.All(forecast.Days, d => Assert.True(d.Low < d.Expected && d.Expected < d.High));
    }

    [Fact]
    public void Predict_ConfiguredDefault_IsUsed()
    {
        var release = new DateOnly(2026, 3, 10);
        var history = SyntheticTickets.Flat(release.AddDays(-70), release.AddDays(-1), 100);

        var forecast = SurgeForecast.Predict(history, [], release, false,
            new SurgeForecastOptions { DefaultPeakUplift = 0.1 }).Value!;

        Assert.Equal(110 * 1.1, forecast.Days[0].Expected, 9);
    }

    [Fact]
    public void Predict_SyntheticSeriesWithKnownUplift_RecoversItWithinTheBand()
    {
        var releases = SyntheticTickets.MonthlyReleases(Start.AddDays(70), 36);
        var next = releases[^1].Date.AddDays(30);
        var history = SyntheticTickets.WithSurges(new Random(11), Start, next.AddDays(-1), 200, releases, TrueUplift);

        foreach (var significant in new[] { true, false })
        {
            var forecast = SurgeForecast.Predict(history, releases, next, significant).Value!;

            foreach (var day in forecast.Days)
            {
                var truth = SyntheticTickets.Normal(200, day.Date) * (1
                    + TrueUplift(new(next, significant), day.DayAfterRelease));
                Assert.InRange(truth, day.Low, day.High);
                Assert.InRange(forecast.Uplift.PerDay[day.DayAfterRelease] - TrueUplift(new(next, significant),
                    day.DayAfterRelease), -0.1, 0.1);
            }
        }
    }

    [Fact]
    public void Predict_SignificantAndOtherReleases_LearnSeparateUplifts()
    {
        var releases = SyntheticTickets.MonthlyReleases(Start.AddDays(70), 24);
        var next = releases[^1].Date.AddDays(30);
        var history = SyntheticTickets.WithSurges(new Random(12), Start, next.AddDays(-1), 200, releases, TrueUplift);

        var significant = SurgeForecast.Predict(history, releases, next, true).Value!;
        var other = SurgeForecast.Predict(history, releases, next, false).Value!;

        Assert.Equal(8, significant.Uplift.ReleasesLearnedFrom);
        Assert.Equal(16, other.Uplift.ReleasesLearnedFrom);
        Assert.True(significant.Uplift.PerDay[0] > other.Uplift.PerDay[0] + 0.3);
    }

    [Fact]
    public void Predict_OnePastRelease_ShrinksTowardTheDefault()
    {
        var past = new PastRelease(new DateOnly(2026, 1, 6), false);
        var release = new DateOnly(2026, 3, 10);
        // Exactly double volume during the past surge, flat otherwise.
        var counts = SyntheticTickets.Days(past.Date.AddDays(-70), release.AddDays(-1)).Select(d =>
        {
            var normal = (int)Math.Round(SyntheticTickets.Normal(100, d));
            return new DailyCount(d, d >= past.Date && d < past.Date.AddDays(14) ? 2 * normal : normal);
        });

        var forecast = SurgeForecast.Predict(TicketHistory.FromCounts(counts), [past], release, false).Value!;

        // One release of weight 1 against the default's weight of 3.
        Assert.Equal(((1 * 1.0) + (3 * 0.4)) / 4, forecast.Uplift.PerDay[0], 9);
        Assert.Equal(1, forecast.Uplift.ReleasesLearnedFrom);
    }

    [Fact]
    public void Predict_DataOnOrAfterReleaseDay_IsNotUsed()
    {
        var releases = SyntheticTickets.MonthlyReleases(Start.AddDays(70), 12);
        var next = releases[^1].Date.AddDays(30);
        var history = SyntheticTickets.WithSurges(new Random(13), Start, next.AddDays(-1), 200, releases, TrueUplift);
        var later = SyntheticTickets.Days(next, next.AddDays(60)).Select(d => new DailyCount(d, 99_999));
        var before = SyntheticTickets.Days(Start, next.AddDays(-1))
            .Select(d => history.TryGet(d, out var c) ? new DailyCount(d, c) : null).OfType<DailyCount>();
        var withFuture = TicketHistory.FromCounts(before.Concat(later));
        var futureReleases = releases.Append(new PastRelease(next.AddDays(5), true)).ToList();

        var honest = SurgeForecast.Predict(history, releases, next, true).Value!;
        var leaky = SurgeForecast.Predict(withFuture, futureReleases, next, true).Value!;

        Assert.Equal(honest.Days, leaky.Days);
    }

    [Fact]
    public void Predict_NoCountsBeforeRelease_Refuses()
    {
        var release = new DateOnly(2026, 3, 10);

        var outcome = SurgeForecast.Predict(SyntheticTickets.Flat(release, release.AddDays(20), 100), [], release,
            false);

        Assert.Equal("History", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void Predict_InvalidOptions_Refuses()
    {
        var release = new DateOnly(2026, 3, 10);
        var history = SyntheticTickets.Flat(release.AddDays(-70), release.AddDays(-1), 100);

        var outcome = SurgeForecast.Predict(history, [], release, false,
            new SurgeForecastOptions { WindowDays = 0, BandZ = -1 });

        Assert.Equal(["WindowDays", "BandZ"], outcome.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Predict_ManyReleasesBacktested_BandHoldsMostActualDays()
    {
        var releases = SyntheticTickets.MonthlyReleases(Start.AddDays(70), 36);
        var end = releases[^1].Date.AddDays(20);
        var history = SyntheticTickets.WithSurges(new Random(14), Start, end, 150, releases, TrueUplift);
        int inside = 0, total = 0;

        foreach (var release in releases.Skip(6))
        {
            var forecast = SurgeForecast.Predict(history, releases, release.Date, release.SignificantChanges).Value!;
            foreach (var day in forecast.Days)
            {
                history.TryGet(day.Date, out var actual);
                inside += actual >= day.Low && actual <= day.High ? 1 : 0;
                total++;
            }
        }

        // A 90 % band; allow for the sampling of 420 days.
        Assert.InRange((double)inside / total, 0.82, 0.98);
    }
}
