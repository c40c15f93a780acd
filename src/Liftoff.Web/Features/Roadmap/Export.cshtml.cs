using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Roadmap;

/// <summary>Print view and CSV export; both audited and marked INTERNAL on every page and in the file.</summary>
public sealed class ExportModel(RoadmapService roadmap, TimeProvider clock) : PageModel
{
    public RoadmapPageView? RoadmapPage { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public string UserName => User.Identity?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(string key)
    {
        RoadmapPage = await roadmap.ViewPageAsync(key, "exported", HttpContext.RequestAborted);
        GeneratedAt = clock.GetUtcNow();
        return RoadmapPage is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string key)
    {
        var page = await roadmap.ViewPageAsync(key, "exported", HttpContext.RequestAborted);
        if (page is null)
        {
            return NotFound();
        }
        var csv = new StringBuilder();
        csv.AppendLine($"\"INTERNAL - {page.Title} - exported {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC by {Quote(UserName)} - do not share outside the company\"");
        csv.AppendLine("Title,Codename,Aliases,Target,Versions,Status,Release,Visibility");
        foreach (var i in page.Items)
        {
            csv.AppendLine(string.Join(",", Quote(i.Title), Quote(i.Codename), Quote(string.Join("; ", i.Aliases)), Quote(i.Target), Quote(string.Join("; ", i.Versions)),
                Quote(i.Status.ToString()), Quote(i.ReleaseName), i.IsPublic ? "public" : "INTERNAL"));
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"INTERNAL-roadmap-{page.Key}.csv");
    }

    // Quotes a CSV field and defuses spreadsheet formulas.
    private static string Quote(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@".Contains(v[0], StringComparison.Ordinal))
        {
            v = "'" + v;
        }
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
