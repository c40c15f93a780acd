namespace Liftoff.Domain.Disclosure;

/// <summary>An inclusive span of calendar days as written in a text ("15 January 2027", "Q1 2027").</summary>
public readonly record struct DateSpan(DateOnly First, DateOnly Last);

/// <summary>
/// What both leads approved in a release's customer-facing notes, and may therefore be said to the
/// audience of those notes: the release's roadmap items the notes name, the release's version and
/// the dates the notes give for it. Everything else on the roadmap stays internal.
/// </summary>
/// <param name="ItemIds">Caller ids (<see cref="RoadmapItem.Id"/>) of the items the notes name.</param>
/// <param name="Versions">Version numbers the notes announce, e.g. "5.3".</param>
/// <param name="Dates">The date spans the notes give for the release, exactly as written.</param>
public sealed record Announcement(IReadOnlyCollection<string> ItemIds, IReadOnlyCollection<string> Versions,
    IReadOnlyCollection<DateSpan> Dates)
{
    public static Announcement None { get; } = new([], [], []);

    public bool IsEmpty => ItemIds.Count == 0 && Versions.Count == 0 && Dates.Count == 0;
}

/// <summary>All announcements that reach one audience, merged for fast lookup during a check.</summary>
internal sealed class AnnouncedContent
{
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);
    private readonly List<VersionNumber> _versions = [];
    private readonly HashSet<DateSpan> _dates = [];

    public AnnouncedContent(IEnumerable<Announcement>? announcements)
    {
        foreach (var a in announcements ?? [])
        {
            _items.UnionWith(a.ItemIds);
            _dates.UnionWith(a.Dates);
            foreach (var v in a.Versions)
            {
                if (VersionNumber.TryParse(v, out var version))
                {
                    _versions.Add(version);
                }
            }
        }
    }

    public bool Item(RoadmapItem item) => item.Id is { } id && _items.Contains(id);

    public bool Version(VersionNumber version) => _versions.Any(v => v.CompareTo(version) == 0);

    public bool Date(CalendarPeriod period) =>
        period.Precision != PeriodPrecision.Relative && _dates.Contains(new DateSpan(period.First, period.Last));
}
