using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Communications;

public sealed class NewsletterReportModel(CampaignReport reports) : PageModel
{
    public CampaignReportSummary Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var report = await reports.BuildAsync(id);
        if (report is null)
        {
            return NotFound();
        }
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        var report = await reports.BuildAsync(id);
        return report is null ? NotFound() : File(CampaignReport.ToCsv(report), "text/csv; charset=utf-8",
            $"newsletter-{id}-report.csv");
    }
}
