using Liftoff.Domain.Support;

namespace Liftoff.Bench;

/// <summary>
/// Three years of daily ticket counts shaped like a real desk's: a weekday pattern, growth, a
/// yearly swing, day-to-day noise beyond Poisson, a release about once a month (some with
/// significant changes and bigger surges), and the odd incident or ticketing outage.
/// </summary>
internal sealed class SyntheticSupportHistory
{
    // Sunday first, as DayOfWeek counts.
    private static readonly double[] WeekdayFactor = [0.3, 1.25, 1.1, 1.0, 0.95, 0.85, 0.35];

    private SyntheticSupportHistory(TicketHistory history, List<PastRelease> releases, HashSet<DateOnly> outlierDays)
    {
        History = history;
        Releases = releases;
        OutlierDays = outlierDays;
    }

    public TicketHistory History { get; }

    public IReadOnlyList<PastRelease> Releases { get; }

    /// <summary>Incident and outage days, so results can be read with and without them.</summary>
    public IReadOnlySet<DateOnly> OutlierDays { get; }

    public static SyntheticSupportHistory Generate(int seed, DateOnly start, int days)
    {
        var random = new Random(seed);
        var releases = new List<PastRelease>();
        var surge = new double[days];
        for (var day = 45 + random.Next(20); day < days; day += 26 + random.Next(11))
        {
            // Releases go out Tuesday to Thursday.
            while (start.AddDays(day).DayOfWeek is < DayOfWeek.Tuesday or > DayOfWeek.Thursday)
            {
                day++;
            }
            var significant = random.NextDouble() < 0.35;
            releases.Add(new PastRelease(start.AddDays(day), significant));
            var peak = significant ? 0.6 + (0.4 * random.NextDouble()) : 0.15 + (0.25 * random.NextDouble());
            var decay = significant ? 5.0 : 3.5;
            for (var d = 0; d < 14 && day + d < days; d++)
            {
                surge[day + d] += peak * Math.Exp(-d / decay);
            }
        }

        var counts = new List<DailyCount>(days);
        var outliers = new HashSet<DateOnly>();
        for (var t = 0; t < days; t++)
        {
            var date = start.AddDays(t);
            var mean = 120 * (1 + (0.25 * t / 365.0)) * (1 + (0.1 * Math.Sin(
                2 * Math.PI * t / 365.0))) * WeekdayFactor[(int)date.DayOfWeek];
            mean *= (1 + surge[t]) * Math.Exp(0.08 * Gaussian(random));
            var roll = random.NextDouble();
            if (roll < 0.015)
            {
                mean *= 2 + (2 * random.NextDouble()); // incident
                outliers.Add(date);
            }
            else if (roll < 0.02)
            {
                mean *= 0.1; // ticketing outage
                outliers.Add(date);
            }
            counts.Add(new DailyCount(date, Poisson(random, mean)));
        }
        return new(TicketHistory.FromCounts(counts), releases, outliers);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(mean + (Gaussian(random) * Math.Sqrt(mean))));
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
