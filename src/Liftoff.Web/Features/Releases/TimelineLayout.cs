using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;

namespace Liftoff.Web.Features.Releases;

public sealed record TimelineBar(TaskView Task, double X, double Y, double Width, string CssClass, string Label);

public sealed record TimelineBand(string Label, double X, double Width, string CssClass);

public sealed record TimelineTick(double X, string Label);

/// <summary>
/// Geometry of the server-rendered Gantt chart: SVG coordinates rather than inline styles, which
/// the content security policy forbids.
/// </summary>
public sealed class TimelineLayout
{
    public const double LabelWidth = 270;
    public const double DayWidth = 14;
    public const double RightMargin = 90;
    public const double RowHeight = 26;
    public const double HeaderHeight = 48;

    private TimelineLayout(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public IReadOnlyList<TimelineBar> Bars { get; private init; } = [];

    public IReadOnlyList<TimelineBand> Bands { get; private init; } = [];

    public IReadOnlyList<TimelineTick> Ticks { get; private init; } = [];

    public double? TodayX { get; private init; }

    public double ReleaseX { get; private init; }

    // A margin on the right keeps the last phase and tick labels whole.
    public double Width => LabelWidth + ((To.DayNumber - From.DayNumber + 1) * DayWidth) + RightMargin;

    public double Height => HeaderHeight + (Math.Max(Bars.Count, 1) * RowHeight) + 8;

    public double X(DateOnly date) => LabelWidth + ((date.DayNumber - From.DayNumber) * DayWidth);

    public static TimelineLayout For(DateOnly releaseDate, IReadOnlyList<TaskView> tasks, DateOnly today)
    {
        // Today is drawn whenever it is reasonably near, so the marker shows how far away the plan is.
        var near = today >= releaseDate.AddDays(-120) && today <= releaseDate.AddDays(90);
        var anchors = near ? new[] { releaseDate.AddDays(-30), today } : [releaseDate.AddDays(-30)];
        var from = anchors.Concat(tasks.Select(t => t.Start)).Min().AddDays(-2);
        var afterSurge = releaseDate.AddDays(ReleasePhase.SurgeDays + 1);
        var to = (near ? new[] { afterSurge, today } : [afterSurge])
            .Concat(tasks.Select(t => t.End)).Max().AddDays(2);
        var layout = new TimelineLayout(from, to);
        var bands = ReleasePhase.Bands(releaseDate)
            .Where(b => b.Phase is not (RolloutPhase.Planning or RolloutPhase.Done))
            .Select(b =>
            {
                var start = b.Start!.Value < from ? from : b.Start.Value;
                var end = b.End!.Value > to ? to : b.End.Value;
                return new TimelineBand(b.Label, layout.X(start), (end.DayNumber - start.DayNumber + 1) * DayWidth,
                    $"band band-{b.Phase.ToString().ToLowerInvariant()}");
            })
            .ToList();
        var ticks = new List<TimelineTick>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek == DayOfWeek.Monday)
            {
                ticks.Add(new TimelineTick(layout.X(d),
                    d.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        var bars = tasks.Select((t, i) => new TimelineBar(t, layout.X(t.Start), HeaderHeight + (i * RowHeight) + 5,
            (t.End.DayNumber - t.Start.DayNumber + 1) * DayWidth, BarClass(t), t.Name)).ToList();
        return new TimelineLayout(from, to)
        {
            Bars = bars,
            Bands = bands,
            Ticks = ticks,
            TodayX = today >= from && today <= to ? layout.X(today) + (DayWidth / 2) : null,
            ReleaseX = layout.X(releaseDate),
        };
    }

    public static string BarClass(TaskView t) => t.IsOverdue ? "bar overdue" : t.Status switch
    {
        RolloutTaskStatus.Done => "bar done",
        RolloutTaskStatus.Skipped => "bar skipped",
        RolloutTaskStatus.InProgress => "bar in-progress",
        _ => "bar todo",
    };

    /// <summary>Splits a label into lines of at most <paramref name="width"/> characters at spaces.</summary>
    public static IReadOnlyList<string> Wrap(string label, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }
        lines.Add(line);
        return lines;
    }
}
