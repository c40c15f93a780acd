using System.Text;
using ClosedXML.Excel;

namespace Liftoff.Web.Infrastructure.Spreadsheets;

/// <summary>
/// The one writer behind every CSV export. Spreadsheet programs run a cell that starts with =, +, -, @,
/// a tab or a carriage return as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`), so such a cell gets
/// a leading apostrophe: the spreadsheet then shows the text as written. Every field is quoted (RFC 4180)
/// and the file starts with a UTF-8 byte-order mark so spreadsheet programs read accents right.
/// </summary>
public static class SafeCsv
{
    private static readonly UTF8Encoding Utf8WithMark = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(IEnumerable<IEnumerable<string?>> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return [.. Utf8WithMark.GetPreamble(), .. Utf8WithMark.GetBytes(csv.ToString())];
    }

    /// <summary>The value with a leading apostrophe when a spreadsheet would read it as a formula.</summary>
    public static string Neutralise(string? value)
    {
        var v = value ?? "";
        return v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + v : v;
    }

    /// <summary>
    /// The inverse of <see cref="Neutralise"/> for imports: a cell that an export protected ("'=…") reads
    /// back as it was written; any other apostrophe stays.
    /// </summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..]
            : value;

    /// <summary>
    /// Puts text into an .xlsx cell as a text value, never as a formula, so the workbook shows what was
    /// written (and round-trips through the import unchanged).
    /// </summary>
    public static void SetText(IXLCell cell, string? value)
    {
        // SetValue stores a string as text; assigning Value instead would turn "=…" into a formula.
        cell.SetValue(value ?? "");
        cell.Style.NumberFormat.Format = "@";
    }

    private static string Quote(string? value) =>
        "\"" + Neutralise(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
