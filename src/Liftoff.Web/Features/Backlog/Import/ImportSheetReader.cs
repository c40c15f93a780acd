using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Liftoff.Web.Infrastructure.Uploads;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>
/// Reads an uploaded backlog sheet, CSV or .xlsx, recognised by its content rather than its name.
/// Anything unreadable becomes one clear message instead of an exception. The upload limits are checked
/// on the raw file first (<see cref="CsvLimitScanner"/>, <see cref="XlsxLimitScanner"/>), so what is
/// parsed afterwards is known to be small.
/// </summary>
public static class ImportSheetReader
{
    public const int MaxRows = 10_000;

    public const long MaxBytes = 10L * 1024 * 1024;

    private static readonly UploadLimits Defaults = new();

    public static SheetFile Read(byte[] content, UploadLimits? limits = null)
    {
        limits ??= Defaults;
        if (content.Length == 0)
        {
            return new([], "The file is empty.");
        }
        if (content.Length > limits.MaxFileBytes)
        {
            return new([], UploadLimits.FileTooLarge(content.Length, limits.MaxFileBytes));
        }
        var isZip = content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var refused = isZip
            ? XlsxLimitScanner.Check(content, limits, limits.MaxBacklogRows)
            : CsvLimitScanner.Check(content, limits, limits.MaxBacklogRows);
        if (refused is not null)
        {
            return new([], refused);
        }
        return isZip ? ReadXlsx(content, limits.MaxBacklogRows) : ReadCsv(content, limits.MaxBacklogRows);
    }

    private static SheetFile ReadXlsx(byte[] content, int maxRows)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var book = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var shared = XlsxCells.SharedStrings(book.SharedStringTablePart);
            var dateStyles = XlsxCells.DateStyles(book.WorkbookStylesPart?.Stylesheet);
            var sheets = new List<SheetTable>();
            var total = 0;
            foreach (var sheet in book.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } partId || book.GetPartById(partId) is not WorksheetPart part)
                {
                    continue;
                }
                var name = sheet.Name?.Value ?? "";
                var cells = XlsxCells.ReadCells(part, shared, dateStyles);
                if (cells.Count == 0)
                {
                    continue;
                }
                var firstRow = cells.Keys.Min();
                var lastRow = cells.Keys.Max();
                var lastColumn = cells.Values.Max(r => r.Keys.Max());
                if (lastColumn > 100)
                {
                    return new([], $"Sheet '{name}' has {lastColumn} columns; a backlog sheet has at most 100.");
                }
                total += lastRow - firstRow;
                if (total > maxRows)
                {
                    return new([], UploadLimits.TooManyRows(maxRows));
                }
                string[] Row(int r) => Enumerable.Range(1, lastColumn)
                    .Select(c => cells.TryGetValue(r, out var row) && row.TryGetValue(c, out var text) ? text : "")
                        .ToArray();
                var headers = Row(firstRow).Select(h => h.Trim()).ToList();
                var rows = new List<SheetRow>(lastRow - firstRow);
                for (var r = firstRow + 1; r <= lastRow; r++)
                {
                    rows.Add(new SheetRow(r, Row(r)));
                }
                sheets.Add(new SheetTable(name, headers, rows));
            }
            return sheets.Count == 0 ? new([], "The workbook has no filled sheets.") : new(sheets, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new([], "The file looks like an Excel workbook but cannot be read (it may be damaged or " +
                "password-protected). Save it again as .xlsx or CSV.");
        }
    }

    /// <summary>The separator that occurs most often, outside quotes, in the header line (',' when none
    /// does).</summary>
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

    private static SheetFile ReadCsv(byte[] content, int maxRows)
    {
        var probe = content.AsSpan(0, Math.Min(content.Length, 8192));
        if (probe.Contains((byte)0))
        {
            return new([], "The file is neither a CSV text file nor an .xlsx workbook. Export the backlog sheet as " +
                "CSV (UTF-8) or .xlsx.");
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
            using var reader = new StreamReader(new MemoryStream(content, writable: false), Encoding.UTF8,
                detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                return new([], "The file has no header row. The first row must name the columns, e.g. Title, " +
                    "Description, Organisation.");
            }
            var rows = new List<SheetRow>();
            while (csv.Read())
            {
                if (rows.Count >= maxRows)
                {
                    return new([], UploadLimits.TooManyRows(maxRows));
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
