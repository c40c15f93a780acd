using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

/// <summary>Ticket series with a known weekday pattern and known surges, so tests can check what a forecast
/// recovers.</summary>
internal static class SyntheticTickets
{
    // Sunday first, as DayOfWeek counts.
    private static readonly double[] WeekdayFactor = [0.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.35];

    public static double Normal(double level, DateOnly date) => level * WeekdayFactor[(int)date.DayOfWeek];

    /// <summary>Constant counts per weekday, no noise.</summary>
    public static TicketHistory Flat(DateOnly from, DateOnly to, double level) =>
        TicketHistory.FromCounts(Days(from, to).Select(d => new DailyCount(d, (int)Math.Round(Normal(level, d)))));

    /// <summary>Poisson counts around a flat weekday pattern, lifted by <paramref name="uplift"/> after each
    /// release.</summary>
    public static TicketHistory WithSurges(
        Random random, DateOnly from, DateOnly to, double level, IReadOnlyList<PastRelease> releases,
            Func<PastRelease, int, double> uplift)
    {
        var counts = Days(from, to).Select(date =>
        {
            var mean = Normal(level, date);
            foreach (var r in releases)
            {
                var day = date.DayNumber - r.Date.DayNumber;
                if (day is >= 0 and < 14)
                {
                    mean *= 1 + uplift(r, day);
                }
            }
            return new DailyCount(date, Poisson(random, mean));
        });
        return TicketHistory.FromCounts(counts);
    }

    /// <summary>A release every 30 days from <paramref name="first"/>, every third one significant.</summary>
    public static List<PastRelease> MonthlyReleases(DateOnly first, int count) =>
        Enumerable.Range(0, count).Select(i => new PastRelease(first.AddDays(30 * i), i % 3 == 0)).ToList();

    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    public static int Poisson(Random random, double mean)
    {
        if (mean > 50)
        {
            // Normal approximation; exact sampling by multiplication underflows for large means.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + (z * Math.Sqrt(mean))));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }
        return k;
    }
}
