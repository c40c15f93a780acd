using Liftoff.Domain.Rollout;
using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class SurgeStartTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Planned = new(2026, 11, 2);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void For_ReleasedTwoDaysLate_StartsOnTheDayItWasReleased()
    {
        var start = SurgeStart.For(ReleaseStatus.Released, Planned, Utc(2026, 11, 4, 10, 0), Berlin);

        Assert.True(start.IsReleased);
        Assert.Equal(new DateOnly(2026, 11, 4), start.ReleasedOn);
        Assert.Equal(new DateOnly(2026, 11, 4), start.Day);
    }

    [Fact]
    public void For_ReleasedLateEveningUtc_TakesTheCalendarDayOfTheSupportZone()
    {
        // 23:30 UTC is 00:30 the next day in Berlin.
        var start = SurgeStart.For(ReleaseStatus.Released, Planned, Utc(2026, 11, 3, 23, 30), Berlin);

        Assert.Equal(new DateOnly(2026, 11, 4), start.Day);
    }

    [Theory]
    [InlineData(ReleaseStatus.Planned)]
    [InlineData(ReleaseStatus.InProgress)]
    [InlineData(ReleaseStatus.Cancelled)]
    public void For_NotReleased_HasNoReleaseDayAndUsesThePlannedDate(ReleaseStatus status)
    {
        var start = SurgeStart.For(status, Planned, null, Berlin);

        Assert.False(start.IsReleased);
        Assert.Null(start.ReleasedOn);
        Assert.Equal(Planned, start.Day);
        Assert.Equal(status == ReleaseStatus.Cancelled, start.IsCancelled);
    }

    [Fact]
    public void For_ReleasedWithoutTimestamp_FallsBackToThePlannedDate()
    {
        var start = SurgeStart.For(ReleaseStatus.Released, Planned, null, Berlin);

        Assert.Equal(Planned, start.ReleasedOn);
    }

    [Fact]
    public void PastReleases_OnlyReleasedBeforeToday_AreLearnedFrom()
    {
        var today = new DateOnly(2026, 12, 1);
        var utc = TimeZoneInfo.Utc;
        var releases = new (SurgeStart, bool)[]
        {
            (SurgeStart.For(ReleaseStatus.Released, Planned, Utc(2026, 11, 4, 9, 0), utc), true),
            (SurgeStart.For(ReleaseStatus.Planned, new DateOnly(2026, 10, 1), null, utc), true),
            (SurgeStart.For(ReleaseStatus.InProgress, new DateOnly(2026, 10, 5), null, utc), false),
            (SurgeStart.For(ReleaseStatus.Cancelled, new DateOnly(2026, 9, 1), null, utc), false),
            (SurgeStart.For(ReleaseStatus.Released, today, Utc(2026, 12, 1, 8, 0), utc), false),
        };

        var past = SurgeStart.PastReleases(releases, today);

        Assert.Equal([new PastRelease(new DateOnly(2026, 11, 4), true)], past);
    }

    [Fact]
    public void Learn_ReleaseWithoutTicketCountsInItsWindow_IsNotLearnedFrom()
    {
        var counted = new PastRelease(new DateOnly(2026, 1, 6), false);
        var silent = new PastRelease(new DateOnly(2026, 2, 3), false);
        var release = new DateOnly(2026, 3, 10);
        // Counts everywhere except inside the second release's window.
        var counts = SyntheticTickets.Days(counted.Date.AddDays(-70), release.AddDays(-1))
            .Where(d => d < silent.Date || d >= silent.Date.AddDays(14))
            .Select(d => new DailyCount(d, (int)Math.Round(SyntheticTickets.Normal(100, d))));

        var history = TicketHistory.FromCounts(counts);

        var forecast = SurgeForecast.Predict(history, [counted, silent], release, false).Value!;

        Assert.Equal(1, forecast.Uplift.ReleasesLearnedFrom);
    }
}
