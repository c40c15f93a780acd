using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class SupportBaselineTests
{
    private static readonly DateOnly Release = new(2026, 3, 10);

    [Fact]
    public void Compute_SteadyWeekdayPattern_RecoversEachWeekday()
    {
        var history = SyntheticTickets.Flat(Release.AddDays(-100), Release.AddDays(-1), 100);

        var baseline = SupportBaseline.Compute(history, Release);

        Assert.Equal([30, 120, 110, 100, 100, 90, 35], baseline.Levels);
        Assert.All(baseline.Samples, s => Assert.Equal(8, s));
    }

    [Fact]
    public void Compute_OutlierDays_DoNotMoveTheLevel()
    {
        var counts = SyntheticTickets.Days(Release.AddDays(-56), Release.AddDays(-1))
            .Select(d => new DailyCount(d, (int)SyntheticTickets.Normal(100, d)))
            .ToList();
        var mondays = counts.Select((c, i) => (c, i)).Where(x => x.c.Date.DayOfWeek == DayOfWeek.Monday)
            .Select(x => x.i).ToList();
        counts[mondays[0]] = counts[mondays[0]] with { Count = 5000 }; // incident
        counts[mondays[1]] = counts[mondays[1]] with { Count = 0 };    // ticketing outage
        counts[mondays[2]] = counts[mondays[2]] with { Count = 900 };

        var baseline = SupportBaseline.Compute(TicketHistory.FromCounts(counts), Release);

        Assert.Equal(120, baseline.On(Release.AddDays(-1)));
    }

    [Fact]
    public void Compute_ExcludedDays_AreLeftOut()
    {
        var counts = SyntheticTickets.Days(Release.AddDays(-56), Release.AddDays(-1))
            .Select(d => new DailyCount(d, d >= Release.AddDays(-28) ? 1000 : 100))
            .ToList();
        var surge = SyntheticTickets.Days(Release.AddDays(-28), Release.AddDays(-1)).ToHashSet();

        var baseline = SupportBaseline.Compute(TicketHistory.FromCounts(counts), Release, surge);

        Assert.All(baseline.Levels, l => Assert.Equal(100, l));
        Assert.All(baseline.Samples, s => Assert.Equal(4, s));
    }

    [Fact]
    public void Compute_NoRecentData_ReachesFurtherBack()
    {
        var history = SyntheticTickets.Flat(Release.AddDays(-140), Release.AddDays(-70), 100);

        var baseline = SupportBaseline.Compute(history, Release);

        Assert.Equal(120, baseline.Levels[(int)DayOfWeek.Monday]);
        Assert.All(baseline.Samples, s => Assert.Equal(3, s));
    }

    [Fact]
    public void Compute_WeekdayNeverSeen_BorrowsFromSimilarDays()
    {
        var counts = SyntheticTickets.Days(Release.AddDays(-56), Release.AddDays(-1))
            .Where(d => d.DayOfWeek != DayOfWeek.Saturday)
            .Select(d => new DailyCount(d, (int)SyntheticTickets.Normal(100, d)));

        var baseline = SupportBaseline.Compute(TicketHistory.FromCounts(counts), Release);

        Assert.Equal(30, baseline.Levels[(int)DayOfWeek.Saturday]);
        Assert.Equal(0, baseline.Samples[(int)DayOfWeek.Saturday]);
    }

    [Fact]
    public void Compute_OnlyDaysOnOrAfterTheDate_HasNoData()
    {
        var history = SyntheticTickets.Flat(Release, Release.AddDays(30), 100);

        var baseline = SupportBaseline.Compute(history, Release);

        Assert.False(baseline.HasData);
        Assert.All(baseline.Levels, l => Assert.Equal(0, l));
    }

    [Fact]
    public void Compute_PoissonNoise_DispersionNearOne()
    {
        var random = new Random(7);
        var counts = SyntheticTickets.Days(Release.AddDays(-182), Release.AddDays(-1))
            .Select(d => new DailyCount(d, SyntheticTickets.Poisson(random, SyntheticTickets.Normal(100, d))));

        var baseline = SupportBaseline.Compute(TicketHistory.FromCounts(counts), Release,
            options: new() { Weeks = 26 });

        Assert.InRange(baseline.Dispersion, 1.0, 1.6);
    }
}
