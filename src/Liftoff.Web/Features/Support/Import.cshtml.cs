using Liftoff.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Support;

// The upload limits are checked below and by the import; this only lets such files through to those checks.
[RequestSizeLimit(UploadLimits.RequestCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.RequestCeiling)]
public sealed class ImportModel(
    TicketVolumeImport import,
    SurgeAlertCheck alerts,
    IOptions<SupportOptions> options,
    IOptions<UploadLimits> limits,
    ILogger<ImportModel> logger)
    : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public CsvLayout Layout { get; set; } = CsvLayout.Auto;

    [BindProperty]
    public string? DateColumn { get; set; }

    [BindProperty]
    public string? CountColumn { get; set; }

    [BindProperty]
    public string? ChannelColumn { get; set; }

    [BindProperty]
    public bool IgnoreChannel { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public CsvImportReport? Report { get; private set; }

    public string DefaultTimeZone => options.Value.TimeZone;

    public void OnGet() => TimeZone ??= DefaultTimeZone;

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken ct) => RunAsync(dryRun: true, ct);

    public Task<IActionResult> OnPostImportAsync(CancellationToken ct) => RunAsync(dryRun: false, ct);

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? DefaultTimeZone : TimeZone.Trim();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file exported from the helpdesk.");
            return Page();
        }
        if (Upload.Length > limits.Value.MaxFileBytes)
        {
            var limit = limits.Value.MaxFileBytes;
            ModelState.AddModelError(nameof(Upload), UploadLimits.FileTooLarge(Upload.Length, limit)
                + " Export a shorter period.");
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Report = await import.ImportCsvAsync(stream, new CsvMapping(Layout, DateColumn, CountColumn, ChannelColumn,
            TimeZone, IgnoreChannel), dryRun, Upload.FileName, ct);
        if (!dryRun && Report.Stored is not null)
        {
            await SupportApi.CheckAlertsAsync(alerts, logger, ct);
        }
        return Page();
    }
}
