using System.Globalization;

namespace Liftoff.Web.Features.Support;

/// <summary>Geometry of the server-rendered surge chart; every number is formatted invariantly for SVG.</summary>
public sealed class SurgeChart
{
    public const double Width = 760;
    public const double Height = 340;
    public const double Left = 60;
    public const double Right = 20;
    public const double Top = 20;
    public const double Bottom = 64;

    public SurgeChart(ReleaseSurge surge)
    {
        Surge = surge;
        var days = surge.Days;
        var max = days.Count == 0 ? 10 : days.Max(d => Math.Max(Math.Max(d.Day.High, d.Day.Baseline), d.Actual ?? 0));
        YMax = NiceCeiling(Math.Max(max * 1.05, 5));
    }

    public ReleaseSurge Surge { get; }

    public double YMax { get; }

    public double PlotWidth => Width - Left - Right;

    public double PlotHeight => Height - Top - Bottom;

    public string ViewBox => F($"0 0 {Width} {Height}");

    public double X(int index) => Left + (Surge.Days.Count <= 1 ? PlotWidth / 2
        : index * PlotWidth / (Surge.Days.Count - 1));

    public double Y(double value) => Top + PlotHeight - (Math.Clamp(value, 0, YMax) / YMax * PlotHeight);

    public string BandPoints()
    {
        var upper = Surge.Days.Select((d, i) => Point(X(i), Y(d.Day.High)));
        var lower = Surge.Days.Select((d, i) => Point(X(i), Y(d.Day.Low))).Reverse();
        return string.Join(" ", upper.Concat(lower));
    }

    public string LinePoints(Func<SurgeDayView, double> value) =>
        string.Join(" ", Surge.Days.Select((d, i) => Point(X(i), Y(value(d)))));

    /// <summary>Runs of consecutive days with a count; a missing day breaks the line instead of drawing a false
    /// slope.</summary>
    public IEnumerable<string> ActualSegments()
    {
        var run = new List<string>();
        for (var i = 0; i < Surge.Days.Count; i++)
        {
            if (Surge.Days[i].Actual is { } a)
            {
                run.Add(Point(X(i), Y(a)));
            }
            else if (run.Count > 0)
            {
                yield return string.Join(" ", run);
                run = [];
            }
        }
        if (run.Count > 0)
        {
            yield return string.Join(" ", run);
        }
    }

    public IEnumerable<double> YTicks()
    {
        var step = YMax / 5;
        for (var i = 0; i <= 5; i++)
        {
            yield return step * i;
        }
    }

    /// <summary>Index of today in the window, when today is inside it.</summary>
    public int? TodayIndex
    {
        get
        {
            var i = Surge.Today.DayNumber - Surge.WindowStart.DayNumber;
            return i >= 0 && i < Surge.Days.Count ? i : null;
        }
    }

    public string Description()
    {
        var withData = Surge.Days.Where(d => d.Actual is not null).ToList();
        var above = withData.Count(d => d.Status == BandStatus.AboveBand);
        var below = withData.Count(d => d.Status == BandStatus.BelowBand);
        var expected = Surge.Days.Sum(d => d.Day.Expected);
        var baseline = Surge.Days.Sum(d => d.Day.Baseline);
        return F($"Daily tickets from {Surge.WindowStart:d MMM yyyy} to {Surge.WindowEnd:d MMM yyyy}: ")
            + F($"baseline {baseline:0} tickets in total, forecast {expected:0}. ")
            + (withData.Count == 0
                ? "No actual counts yet."
                : F($"{withData.Count} days have actual counts: {withData.Count - above - below} within the band, ")
                    + F($"{above} above, {below} below."))
            + " The table below lists every day.";
    }

    public static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Point(double x, double y) => F($"{x:0.#},{y:0.#}");

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (m * magnitude >= value)
            {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
