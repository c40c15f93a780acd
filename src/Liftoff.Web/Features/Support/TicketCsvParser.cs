using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Liftoff.Domain.Support;

namespace Liftoff.Web.Features.Support;

public enum CsvLayout
{
    /// <summary>Decide from the headers.</summary>
    Auto,

    /// <summary>One row per ticket with its created timestamp.</summary>
    PerTicket,

    /// <summary>One row per day (and channel) with a count.</summary>
    PerDay,
}

/// <summary>Which columns hold what; empty names are detected from the headers.</summary>
public sealed record CsvMapping(CsvLayout Layout = CsvLayout.Auto, string? DateColumn = null,
    string? CountColumn = null, string? ChannelColumn = null, string? TimeZone = null, bool IgnoreChannel = false);

public sealed record CsvRowError(int Row, string Message);

public sealed record ParsedTicketCsv(
    CsvLayout Layout,
    string? DateColumn,
    string? CountColumn,
    string? ChannelColumn,
    string TimeZone,
    IReadOnlyList<string> Headers,
    int RowsRead,
    IReadOnlyList<DailyCount> Counts,
    IReadOnlyList<CsvRowError> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a helpdesk export into daily counts per channel. Exports differ in headers (Zendesk "Created at" and
/// "Via", Freshdesk "Created time" and "Source"), delimiters and timestamp formats; row numbers in errors are
/// the file's lines, header being row 1.
/// </summary>
public static partial class TicketCsvParser
{
    public const int MaxErrors = 50;
    public const int MaxRows = 5_000_000;

    /// <summary>Days outside these years are typing or export mistakes (9999-12-31 is a common "no date").</summary>
    public const int MinYear = 1990;
    public const int MaxYear = 2099;

    public static ParsedTicketCsv Parse(Stream stream, CsvMapping mapping, TimeZoneInfo zone,
        int maxPerDay = TicketCountValidator.DefaultMaxPerDay)
    {
        var errors = new List<CsvRowError>();
        var warnings = new List<string>();
        ParsedTicketCsv Fail(string message, IReadOnlyList<string>? headers = null) =>
            new(mapping.Layout, mapping.DateColumn, mapping.CountColumn, mapping.ChannelColumn, zone.Id, headers ?? [],
                0, [], [new(1, message)], []);

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t", "|"],
            MissingFieldFound = null,
            BadDataFound = null,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(reader, config);
        string[] headers;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } h)
            {
                return Fail("The file is empty: expected a header row and at least one data row.");
            }
            headers = h;
        }
        catch (CsvHelperException e)
        {
            return Fail($"The file could not be read as CSV: {FirstLine(e.Message)}");
        }
        if (headers.Any(x => x.Contains('\0', StringComparison.Ordinal)))
        {
            return Fail(
                "This is not a text CSV file (it contains binary data). Export the tickets as CSV from the helpdesk.");
        }

        var chosen = TicketCsvColumns.Chosen(mapping, headers, errors);
        if (errors.Count > 0)
        {
            return new(mapping.Layout, chosen.Date, chosen.Count, chosen.Channel, zone.Id, headers, 0, [], errors, []);
        }
        var (resolved, missing) = TicketCsvColumns.Recognise(chosen, headers);
        if (missing is not null)
        {
            return Fail(missing, headers);
        }
        var layout = resolved.Layout;
        var dateColumn = resolved.Date!;
        var countColumn = resolved.Count;
        var channelColumn = resolved.Channel;

        var perDay = new List<DailyCount>();
        var perDayRows = new List<int>();
        var perTicket = new Dictionary<(DateOnly Date, string Channel), int>();
        var rows = 0;
        try
        {
            while (csv.Read())
            {
                var row = csv.Parser.Row;
                if (++rows > MaxRows)
                {
                    errors.Add(new(row, $"The file has more than {MaxRows:N0} rows; split it into smaller exports."));
                    break;
                }
                var rawDate = csv.GetField(dateColumn) ?? "";
                var channel = channelColumn is null ? "" : NormaliseChannel(csv.GetField(channelColumn));
                if (channel.Length > 60)
                {
                    errors.Add(new(row, $"The channel '{channel[..20]}…' is longer than 60 characters."));
                    continue;
                }
                if (layout == CsvLayout.PerDay)
                {
                    if (!TicketCsvDates.TryParseDay(rawDate, out var day))
                    {
                        errors.Add(new(row,
                            $"'{Clip(rawDate)}' in column '{dateColumn}' is not a date (expected e.g. 2026-03-01)."));
                    }
                    else if (!Plausible(day))
                    {
                        errors.Add(new(row, OutOfRange(rawDate, dateColumn)));
                        day = default;
                    }
                    var rawCount = csv.GetField(countColumn!) ?? "";
                    if (!int.TryParse(rawCount, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands,
                        CultureInfo.InvariantCulture, out var count))
                    {
                        errors.Add(new(row,
                            $"'{Clip(rawCount)}' in column '{countColumn}' is not a whole number of tickets."));
                    }
                    else if (day != default)
                    {
                        perDay.Add(new(day, count, channel));
                        perDayRows.Add(row);
                    }
                }
                else if (TicketCsvDates.TryParseInstant(rawDate, zone, out var local) && !Plausible(local))
                {
                    errors.Add(new(row, OutOfRange(rawDate, dateColumn)));
                }
                else if (local != default)
                {
                    var key = (local, channel);
                    perTicket[key] = perTicket.GetValueOrDefault(key) + 1;
                }
                else
                {
                    errors.Add(new(row,
                        $"'{Clip(rawDate)}' in column '{dateColumn}' is not a date and time (expected e.g. " +
                            $"2026-03-01 14:05 or 2026-03-01T14:05:00Z)."));
                }
                if (errors.Count >= MaxErrors)
                {
                    break;
                }
            }
        }
        catch (CsvHelperException e)
        {
            errors.Add(new(csv.Parser.Row, $"The file is not valid CSV here: {FirstLine(e.Message)}"));
        }
        if (rows == 0 && errors.Count == 0)
        {
            errors.Add(new(1, "The file has a header row but no data rows."));
        }

        List<DailyCount> counts;
        if (layout == CsvLayout.PerDay)
        {
            counts = perDay;
            foreach (var e in TicketCountValidator.Validate(perDay, maxPerDay))
            {
                var index = IndexPattern().Match(e.Field);
                if (index.Success)
                {
                    var i = int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture);
                    var message = FirstAtPattern().Replace(e.Message,
                        m => $"(first at row " +
                            $"{perDayRows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1]})");
                    errors.Add(new(perDayRows[i], message));
                }
                else if (perDay.Count > 0)
                {
                    warnings.Add(e.Message);
                }
            }
        }
        else
        {
            counts = FillDays(perTicket);
            if (counts.Count > 0)
            {
                warnings.Add("Days without tickets between the first and last ticket were counted as 0.");
            }
        }
        errors = errors.OrderBy(e => e.Row).Take(MaxErrors).ToList();
        return new(layout, dateColumn, countColumn, channelColumn, zone.Id, headers, rows, errors.Count == 0 ? counts
            : [], errors, warnings);
    }

    public static string NormaliseChannel(string? channel) => (channel ?? "").Trim().ToLowerInvariant();

    /// <summary>A ticket export lists no row for a quiet day; that day had zero tickets, it is not unknown.</summary>
    private static List<DailyCount> FillDays(Dictionary<(DateOnly Date, string Channel), int> perTicket)
    {
        if (perTicket.Count == 0)
        {
            return [];
        }
        var first = perTicket.Keys.Min(k => k.Date);
        var last = perTicket.Keys.Max(k => k.Date);
        var result = new List<DailyCount>();
        foreach (var channel in perTicket.Keys.Select(k => k.Channel).Distinct().Order(StringComparer.Ordinal))
        {
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                result.Add(new(d, perTicket.GetValueOrDefault((d, channel)), channel));
            }
        }
        return result;
    }

    private static bool Plausible(DateOnly day) => day.Year is >= MinYear and <= MaxYear;

    private static string OutOfRange(string raw, string column) =>
        $"'{Clip(raw)}' in column '{column}' is not a plausible ticket date "
        + $"(expected a day from {MinYear} to {MaxYear}).";

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"^Counts\[(\d+)\]")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"\(first at row (\d+)\)")]
    private static partial Regex FirstAtPattern();
}
