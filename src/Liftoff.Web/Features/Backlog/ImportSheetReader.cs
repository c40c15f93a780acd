using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;

namespace Liftoff.Web.Features.Backlog;

/// <summary>One tab of a backlog sheet (a CSV file is one tab without a name): its headers and rows.</summary>
public sealed record SheetTable(string? Name, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>A row with the number the user sees in the spreadsheet (the header is row 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells);

/// <summary>Where a row is in the file: its tab (null for CSV) and its row number.</summary>
public readonly record struct SheetRowRef(string? Sheet, int Row);

public sealed record SheetFile(IReadOnlyList<SheetTable> Sheets, string? Error)
{
    public int RowCount => Sheets.Sum(s => s.Rows.Count);

    /// <summary>The same file with only the given rows (headers and tab names kept).</summary>
    public SheetFile Only(IReadOnlySet<SheetRowRef> rows) =>
        new(Sheets.Select(s => s with { Rows = s.Rows.Where(r => rows.Contains(new SheetRowRef(s.Name, r.Number))).ToList() }).ToList(), Error);
}

/// <summary>
/// Reads an uploaded backlog sheet, CSV or .xlsx, recognised by its content rather than its name.
/// Anything unreadable becomes one clear message instead of an exception.
/// </summary>
public static class ImportSheetReader
{
    public const int MaxRows = 10_000;

    public const long MaxBytes = 10L * 1024 * 1024;

    /// <summary>Longer cells are refused; the longest stored text (a description) is 20,000 characters.</summary>
    public const int MaxCellLength = 20_000;

    public static SheetFile Read(byte[] content)
    {
        if (content.Length == 0)
        {
            return new([], "The file is empty.");
        }
        if (content.Length > MaxBytes)
        {
            return new([], $"The file is {content.Length / (1024.0 * 1024):0.#} MB; the limit is {MaxBytes / (1024 * 1024)} MB. Split the sheet into smaller files.");
        }
        var isZip = content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        return isZip ? ReadXlsx(content) : ReadCsv(content);
    }

    private static SheetFile ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var book = new XLWorkbook(stream);
            var sheets = new List<SheetTable>();
            var total = 0;
            foreach (var ws in book.Worksheets)
            {
                var used = ws.RangeUsed();
                if (used is null)
                {
                    continue;
                }
                var firstRow = used.FirstRow().RowNumber();
                var lastRow = used.LastRow().RowNumber();
                var lastColumn = used.LastColumn().ColumnNumber();
                if (lastColumn > 100)
                {
                    return new([], $"Sheet '{ws.Name}' has {lastColumn} columns; a backlog sheet has at most 100.");
                }
                total += lastRow - firstRow;
                if (total > MaxRows)
                {
                    return new([], $"The file has more than {MaxRows:N0} rows; import at most {MaxRows:N0} rows at a time.");
                }
                var headers = Enumerable.Range(1, lastColumn).Select(c => Text(ws.Cell(firstRow, c)).Trim()).ToList();
                var rows = new List<SheetRow>();
                for (var r = firstRow + 1; r <= lastRow; r++)
                {
                    rows.Add(new SheetRow(r, Enumerable.Range(1, lastColumn).Select(c => Text(ws.Cell(r, c))).ToList()));
                }
                sheets.Add(new SheetTable(ws.Name, headers, rows));
            }
            return sheets.Count == 0 ? new([], "The workbook has no filled sheets.") : new(sheets, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new([], "The file looks like an Excel workbook but cannot be read (it may be damaged or password-protected). Save it again as .xlsx or CSV.");
        }
    }

    private static string Text(IXLCell cell)
    {
        if (cell.DataType == XLDataType.DateTime && cell.TryGetValue<DateTime>(out var date))
        {
            return date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        return cell.GetFormattedString() ?? "";
    }

    /// <summary>The separator that occurs most often, outside quotes, in the header line (',' when none does).</summary>
    private static string GuessDelimiter(byte[] content)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0, ['|'] = 0 };
        var quoted = false;
        foreach (var b in content.AsSpan(0, Math.Min(content.Length, 64 * 1024)))
        {
            var c = (char)b;
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                break;
            }
            else if (!quoted && counts.TryGetValue(c, out var n))
            {
                counts[c] = n + 1;
            }
        }
        var best = counts.MaxBy(kv => kv.Value);
        return best.Value == 0 ? "," : best.Key.ToString();
    }

    private static SheetFile ReadCsv(byte[] content)
    {
        var probe = content.AsSpan(0, Math.Min(content.Length, 8192));
        if (probe.Contains((byte)0))
        {
            return new([], "The file is neither a CSV text file nor an .xlsx workbook. Export the backlog sheet as CSV (UTF-8) or .xlsx.");
        }
        var errors = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = GuessDelimiter(content),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = a => errors.Add($"Row {a.Context.Parser?.Row}: the quoting of this row is broken."),
        };
        try
        {
            using var reader = new StreamReader(new MemoryStream(content, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                return new([], "The file has no header row. The first row must name the columns, e.g. Title, Description, Organisation.");
            }
            var rows = new List<SheetRow>();
            while (csv.Read())
            {
                if (rows.Count >= MaxRows)
                {
                    return new([], $"The file has more than {MaxRows:N0} rows; import at most {MaxRows:N0} rows at a time.");
                }
                rows.Add(new SheetRow(csv.Parser.Row, csv.Parser.Record ?? []));
            }
            if (errors.Count > 0)
            {
                return new([], string.Join(" ", errors.Take(5)) + " Check the quotes in the file.");
            }
            return new([new SheetTable(null, header.Select(h => h.Trim()).ToList(), rows)], null);
        }
        catch (CsvHelperException)
        {
            return new([], "The file cannot be read as CSV. Export the backlog sheet as CSV (UTF-8) or .xlsx.");
        }
    }
}
