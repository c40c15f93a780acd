namespace Liftoff.Domain.Support;

/// <summary>Checks imported daily counts before they feed a forecast.</summary>
public static class TicketCountValidator
{
    /// <summary>No support desk sees a million tickets a day; such a number is a unit or import mistake.</summary>
    public const int DefaultMaxPerDay = 1_000_000;

    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<DailyCount> counts, int maxPerDay = DefaultMaxPerDay)
    {
        var errors = new List<FieldError>();
        if (counts.Count == 0)
        {
            errors.Add(new("Counts", "There are no daily counts."));
            return errors;
        }

        var seen = new Dictionary<(DateOnly, string), int>();
        for (var i = 0; i < counts.Count; i++)
        {
            var c = counts[i];
            var channel = ChannelKey(c.Channel);
            if (c.Count < 0)
            {
                errors.Add(new($"Counts[{i}].Count", $"{Label(c)} has a negative count ({c.Count})."));
            }
            else if (c.Count > maxPerDay)
            {
                errors.Add(new($"Counts[{i}].Count",
                    $"{Label(c)} has {c.Count:N0} tickets, more than the plausible maximum of {maxPerDay:N0} a day."));
            }
            if (!seen.TryAdd((c.Date, channel), i))
            {
                errors.Add(new($"Counts[{i}].Date",
                    $"{Label(c)} appears twice (first at row {seen[(c.Date, channel)] + 1})."));
            }
        }

        foreach (var group in counts.GroupBy(c => ChannelKey(c.Channel)))
        {
            var days = group.Select(c => c.Date).Distinct().Order().ToList();
            for (var i = 1; i < days.Count; i++)
            {
                if (days[i].DayNumber - days[i - 1].DayNumber > 1)
                {
                    var from = days[i - 1].AddDays(1);
                    var to = days[i].AddDays(-1);
                    var span = from == to ? $"The day {from:yyyy-MM-dd} is"
                        : $"The days {from:yyyy-MM-dd} to {to:yyyy-MM-dd} are";
                    var where = group.Key.Length == 0 ? "" : $" for channel '{group.Key}'";
                    errors.Add(new("Counts", $"{span} missing{where}; enter 0 for days without tickets."));
                }
            }
        }
        return errors;
    }

    private static string ChannelKey(string? channel) => channel?.Trim().ToLowerInvariant() ?? "";

    private static string Label(DailyCount c) =>
        string.IsNullOrWhiteSpace(c.Channel) ? $"{c.Date:yyyy-MM-dd}" : $"{c.Date:yyyy-MM-dd} ({c.Channel})";
}
