using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class SurgeAlertTests
{
    private static readonly DateOnly Release = new(2026, 3, 10);

    // Band 90..110 every day.
    private static List<SurgeDay> Forecast(int days = 14) =>
        Enumerable.Range(0, days).Select(d => new SurgeDay(Release.AddDays(d), d, 80, 100, 90, 110)).ToList();

    private static TicketHistory Actuals(params int[] counts) =>
        TicketHistory.FromCounts(counts.Select((c, i) => new DailyCount(Release.AddDays(i), c)));

    [Fact]
    public void Detect_TwoDaysAboveRunning_AlertsWithBothDays()
    {
        var alerts = SurgeAlert.Detect(Forecast(), Actuals(100, 120, 130, 100));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertDirection.AboveBand, alert.Direction);
        Assert.Equal([Release.AddDays(1), Release.AddDays(2)], alert.Days);
    }

    [Fact]
    public void Detect_OneDayAbove_DoesNotAlert()
    {
        Assert.Empty(SurgeAlert.Detect(Forecast(), Actuals(100, 150, 100, 150, 100)));
    }

    [Fact]
    public void Detect_ThreeDaysBelow_OneAlertWithAllThree()
    {
        var alert = Assert.Single(SurgeAlert.Detect(Forecast(), Actuals(80, 70, 60, 100)));

        Assert.Equal(AlertDirection.BelowBand, alert.Direction);
        Assert.Equal(3, alert.Days.Count);
    }

    [Fact]
    public void Detect_AboveThenBelow_DoesNotAlert()
    {
        Assert.Empty(SurgeAlert.Detect(Forecast(), Actuals(150, 50, 150, 50)));
    }

    [Fact]
    public void Detect_DayWithoutCount_BreaksTheRun()
    {
        var counts = TicketHistory.FromCounts([new(Release, 150), new(Release.AddDays(2), 150)]);

        Assert.Empty(SurgeAlert.Detect(Forecast(), counts));
    }

    [Fact]
    public void Detect_OnTheBandEdge_IsInside()
    {
        Assert.Empty(SurgeAlert.Detect(Forecast(), Actuals(110, 90, 110, 90)));
    }

    [Fact]
    public void Detect_TwoSeparateRuns_AlertsTwice()
    {
        var alerts = SurgeAlert.Detect(Forecast(), Actuals(120, 120, 100, 80, 80));

        Assert.Equal([AlertDirection.AboveBand, AlertDirection.BelowBand], alerts.Select(a => a.Direction));
    }
}
