using System.Globalization;
using ClosedXML.Excel;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Export;

/// <summary>
/// The backlog as a sheet: one row per requestor (a request without requestors gets one row), with
/// the same headers the import recognises, so an export imports again without changes. In .xlsx,
/// one tab per product area.
/// </summary>
public sealed class BacklogExport(AppDbContext db, AuditLog audit)
{
    public static readonly string[] Headers = ["Area", "Title", "Description", "Status", "Organisation",
        "Contact name", "Contact email", "Date requested"];

    private const string NoAreaSheet = "(no area)";

    public async Task<byte[]> CsvAsync(CancellationToken ct = default)
    {
        var rows = await RowsAsync(ct);
        var csv = SafeCsv.Write(rows.Prepend(Headers));
        await AuditAsync("csv", rows.Count, ct);
        return csv;
    }

    public async Task<byte[]> XlsxAsync(CancellationToken ct = default)
    {
        var rows = await RowsAsync(ct);
        using var book = new XLWorkbook();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var area in rows.GroupBy(r => r[0]).OrderBy(g => g.Key.Length == 0)
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var sheet = book.Worksheets.Add(SheetName(area.Key, used));
            for (var c = 0; c < Headers.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(Headers[c]);
                sheet.Cell(1, c + 1).Style.Font.Bold = true;
            }
            var r = 2;
            foreach (var row in area)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    SafeCsv.SetText(sheet.Cell(r, c + 1), row[c]);
                }
                r++;
            }
            // Fixed widths: measuring text would need native font libraries on the server.
            sheet.Columns(1, Headers.Length).Width = 18;
            sheet.Columns(2, 3).Width = 48;
        }
        if (book.Worksheets.Count == 0)
        {
            var sheet = book.Worksheets.Add(NoAreaSheet);
            for (var c = 0; c < Headers.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(Headers[c]);
            }
        }
        await using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        await AuditAsync("xlsx", rows.Count, ct);
        return buffer.ToArray();
    }

    private async Task<List<string[]>> RowsAsync(CancellationToken ct)
    {
        var requests = await db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged)
            .OrderBy(r => r.Area == null ? "" : r.Area.Name).ThenBy(r => r.Id)
            .Select(r => new
            {
                Area = r.Area == null ? "" : r.Area.Name,
                r.Title,
                r.Description,
                r.Status,
                r.CreatedAt,
                Votes = r.Votes.OrderBy(v => v.Id)
                    .Select(v => new
                    {
                        Organisation = v.Organisation!.Name,
                        v.ContactName,
                        v.ContactEmail,
                        v.CreatedAt
                    }).ToList(),
            })
            .ToListAsync(ct);
        var rows = new List<string[]>();
        foreach (var r in requests)
        {
            var status = Status(r.Status);
            if (r.Votes.Count == 0)
            {
                rows.Add([r.Area, r.Title, r.Description, status, "", "", "", Date(r.CreatedAt)]);
            }
            rows.AddRange(r.Votes.Select(v => new[] { r.Area, r.Title, r.Description, status, v.Organisation,
                v.ContactName, v.ContactEmail, Date(v.CreatedAt) }));
        }
        return rows;
    }

    private async Task AuditAsync(string format, int rows, CancellationToken ct)
    {
        audit.Add("backlog.exported", "Backlog", null, $"{format}, {rows} row(s)");
        await db.SaveChangesAsync(ct);
    }

    private static string Status(FeatureRequestStatus s) => s switch
    {
        FeatureRequestStatus.UnderReview => "Under review",
        FeatureRequestStatus.InDevelopment => "In development",
        _ => s.ToString(),
    };

    private static string Date(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\ and unique.</summary>
    private static string SheetName(string area, HashSet<string> used)
    {
        var name = area.Length == 0 ? NoAreaSheet : new string(area.Select(c =>
            "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c).ToArray()).Trim('\'');
        name = name.Length == 0 ? "Area" : name;
        var candidate = name.Length > 31 ? name[..31] : name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            var suffix = $" ({i})";
            candidate = (name.Length > 31 - suffix.Length ? name[..(31 - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }
}
