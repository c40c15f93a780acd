using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Liftoff.Web.Infrastructure.Uploads;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>Reading the cells of an .xlsx worksheet as text, streamed rather than loaded as a whole.</summary>
internal static class XlsxCells
{
    /// <summary>Streamed like the sheets: the table is never built as a whole document.</summary>
    internal static string[] SharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }
        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }
        return [.. strings];
    }

    /// <summary>The non-empty cells of a worksheet by row and column number, streamed rather than loaded as a
    /// whole.</summary>
    internal static Dictionary<int, Dictionary<int, string>> ReadCells(
        WorksheetPart part, string[] shared, HashSet<uint> dateStyles)
    {
        var cells = new Dictionary<int, Dictionary<int, string>>();
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        var column = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                var index = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                rowNumber = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture,
                    out var n) ? n : rowNumber + 1;
                column = 0;
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : column + 1;
                var text = CellText(cell, shared, dateStyles);
                if (text.Length == 0)
                {
                    continue;
                }
                if (!cells.TryGetValue(rowNumber, out var row))
                {
                    cells[rowNumber] = row = [];
                }
                row[column] = text;
            }
        }
        return cells;
    }

    private static string CellText(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var value = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                && i < shared.Length ? shared[i] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return value == "1" ? "TRUE" : "FALSE";
        }
        if (type == CellValues.Date)
        {
            return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var d) ? DateText(d) : value;
        }
        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style
            && dateStyles.Contains(style)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                && serial is > -657435 and < 2958466)
        {
            return DateText(DateTime.FromOADate(serial));
        }
        return value;
    }

    private static string DateText(DateTime date) =>
        date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"BC12" is column 55.</summary>
    internal static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column;
    }

    /// <summary>The cell styles whose number format shows a date (built-in date formats or a custom one with d, m, y or
    /// h).</summary>
    internal static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormat(f.FormatCode?.Value ?? ""))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var result = new HashSet<uint>();
        var index = 0u;
        foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is (>= 14 and <= 22) or (>= 45 and <= 47) || custom.Contains(id))
            {
                result.Add(index);
            }
            index++;
        }
        return result;
    }

    private static bool IsDateFormat(string code)
    {
        var plain = new System.Text.StringBuilder();
        var skip = '\0';
        foreach (var c in code)
        {
            if (skip != '\0')
            {
                skip = c == skip ? '\0' : skip;
            }
            else if (c is '"' or '[')
            {
                skip = c == '"' ? '"' : ']';
            }
            else
            {
                plain.Append(char.ToLowerInvariant(c));
            }
        }
        var text = plain.ToString();
        return text.IndexOfAny(['d', 'm', 'y', 'h']) >= 0;
    }
}
