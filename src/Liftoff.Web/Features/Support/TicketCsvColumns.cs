namespace Liftoff.Web.Features.Support;

/// <summary>Which column of a ticket export holds the day or timestamp, the count and the channel.</summary>
internal sealed record TicketCsvColumnSet(CsvLayout Layout, string? Date, string? Count, string? Channel);

/// <summary>
/// Maps a ticket export's headers to the columns the import needs: the columns the user chose must exist,
/// the rest are recognised from common helpdesk header names.
/// </summary>
internal static class TicketCsvColumns
{
    private static readonly string[] CreatedHeaders = ["createdat", "createdtime", "created", "createddate",
        "createdon", "datecreated", "creationdate", "opened", "openedat", "submittedat", "ticketcreated",
            "ticketcreatedat"];
    private static readonly string[] DayHeaders = ["date", "day", "datum"];
    private static readonly string[] CountHeaders = ["count", "tickets", "ticketcount", "numberoftickets", "volume",
        "total", "newtickets", "anzahl"];
    private static readonly string[] ChannelHeaders = ["channel", "via", "source", "category", "ticketchannel",
        "ticketsource"];

    /// <summary>The columns the user chose, matched to the headers; a chosen column not in the file is an
    /// error.</summary>
    public static TicketCsvColumnSet Chosen(CsvMapping mapping, string[] headers, List<CsvRowError> errors) =>
        new(mapping.Layout, Resolve(mapping.DateColumn, headers, null, errors, "date"),
            Resolve(mapping.CountColumn, headers, null, errors, "count"),
            mapping.IgnoreChannel ? null : Resolve(mapping.ChannelColumn, headers, ChannelHeaders, errors, "channel"));

    /// <summary>
    /// Decides the layout and recognises the columns not chosen; <c>Missing</c> says which needed column
    /// was not recognised.
    /// </summary>
    public static (TicketCsvColumnSet Columns, string? Missing) Recognise(TicketCsvColumnSet chosen, string[] headers)
    {
        var (layout, dateColumn, countColumn, channelColumn) = chosen;
        if (layout == CsvLayout.Auto)
        {
            countColumn ??= Detect(headers, CountHeaders);
            layout = countColumn is not null ? CsvLayout.PerDay : CsvLayout.PerTicket;
        }
        if (layout == CsvLayout.PerDay)
        {
            countColumn ??= Detect(headers, CountHeaders);
            dateColumn ??= Detect(headers, DayHeaders) ?? Detect(headers, CreatedHeaders);
        }
        else
        {
            countColumn = null;
            dateColumn ??= Detect(headers, CreatedHeaders) ?? Detect(headers, DayHeaders);
        }
        var resolved = new TicketCsvColumnSet(layout, dateColumn, countColumn, channelColumn);
        var columns = string.Join(", ", headers.Select(x => $"'{x}'"));
        if (dateColumn is null)
        {
            return (resolved, layout == CsvLayout.PerDay
                ? $"No date column was recognised among {columns}. Choose the column that holds the day."
                : $"No created-timestamp column was recognised among {columns}. Choose the column that holds when " +
                    $"each ticket was created, or choose 'one row per day' with a count column.");
        }
        if (layout == CsvLayout.PerDay && countColumn is null)
        {
            return (resolved, $"No count column was recognised among {columns}. " +
                "Choose the column that holds the number of tickets.");
        }
        return (resolved, null);
    }

    private static string? Resolve(string? chosen, string[] headers, string[]? candidates, List<CsvRowError> errors,
        string what)
    {
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            var match = headers.FirstOrDefault(h => string.Equals(h.Trim(), chosen.Trim(),
                StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add(new(1,
                    $"The {what} column '{chosen.Trim()}' is not in the file; its columns are " +
                        $"{string.Join(", ", headers.Select(x => $"'{x}'"))}."));
            }
            return match;
        }
        return candidates is null ? null : Detect(headers, candidates);
    }

    private static string? Detect(string[] headers, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var hit = headers.FirstOrDefault(h => Key(h) == candidate);
            if (hit is not null)
            {
                return hit;
            }
        }
        return null;
    }

    private static string Key(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)
        .ToArray());
}
