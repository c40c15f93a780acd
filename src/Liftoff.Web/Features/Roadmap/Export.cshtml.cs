using Liftoff.Web.Infrastructure.Spreadsheets;
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
        var exported = $"INTERNAL - {page.Title} - exported {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC by {UserName}"
            + " - do not share outside the company";
        string?[][] head = [[exported], ["Title", "Codename", "Aliases", "Target", "Versions", "Status", "Release",
            "Visibility"]];
        var rows = page.Items.Select(i => new[]
        {
            i.Title, i.Codename, string.Join("; ", i.Aliases), i.Target, string.Join("; ", i.Versions),
            i.Status.ToString(), i.ReleaseName, i.IsPublic ? "public" : "INTERNAL",
        });
        var csv = SafeCsv.Write(head.Concat(rows));
        return File(csv, "text/csv; charset=utf-8", $"INTERNAL-roadmap-{page.Key}.csv");
    }
}
