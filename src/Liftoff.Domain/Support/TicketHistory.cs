namespace Liftoff.Domain.Support;

/// <summary>Tickets opened on one day, optionally for one channel (email, phone, portal, …).</summary>
public sealed record DailyCount(DateOnly Date, int Count, string? Channel = null);

/// <summary>Daily ticket totals, the input to baselines and forecasts. Days without a count are unknown, not
/// zero.</summary>
public sealed class TicketHistory
{
    private readonly Dictionary<DateOnly, int> _totals;

    private TicketHistory(Dictionary<DateOnly, int> totals)
    {
        _totals = totals;
        if (totals.Count > 0)
        {
            First = totals.Keys.Min();
            Last = totals.Keys.Max();
        }
    }

    public DateOnly? First { get; }

    public DateOnly? Last { get; }

    public int DayCount => _totals.Count;

    /// <summary>
    /// Sums channels per day, or keeps one channel. Run <see cref="TicketCountValidator"/> first:
    /// duplicates are summed here, not rejected.
    /// </summary>
    public static TicketHistory FromCounts(IEnumerable<DailyCount> counts, string? channel = null)
    {
        var totals = new Dictionary<DateOnly, int>();
        foreach (var c in counts.Where(c => channel is null || string.Equals(c.Channel, channel,
            StringComparison.OrdinalIgnoreCase)))
        {
            totals[c.Date] = totals.GetValueOrDefault(c.Date) + c.Count;
        }
        return new(totals);
    }

    public static TicketHistory FromTotals(IEnumerable<KeyValuePair<DateOnly, int>> totals) =>
        new(totals.ToDictionary(kv => kv.Key, kv => kv.Value));

    public bool TryGet(DateOnly date, out int count) => _totals.TryGetValue(date, out count);

    /// <summary>Only the days before <paramref name="date"/>: what was known when a forecast for that date was
    /// made.</summary>
    public TicketHistory Before(DateOnly date) =>
        new(_totals.Where(kv => kv.Key < date).ToDictionary(kv => kv.Key, kv => kv.Value));
}
