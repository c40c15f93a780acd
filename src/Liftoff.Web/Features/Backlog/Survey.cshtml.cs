using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Imports customer-survey results per request, with a preview first.</summary>
[RequestSizeLimit(UploadLimits.RequestCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.RequestCeiling)]
public sealed class SurveyModel(SurveyImport import, IOptions<UploadLimits> limits) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public SurveyImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostPreviewAsync() => RunAsync(dryRun: true);

    public Task<IActionResult> OnPostImportAsync() => RunAsync(dryRun: false);

    private async Task<IActionResult> RunAsync(bool dryRun)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file with a request column (number or title) and " +
                "a score column.");
            return Page();
        }
        if (Upload.Length > limits.Value.MaxFileBytes)
        {
            var limit = limits.Value.MaxFileBytes;
            ModelState.AddModelError(nameof(Upload), UploadLimits.FileTooLarge(Upload.Length, limit));
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Report = await import.ImportAsync(stream, dryRun, User.UserId(), HttpContext.RequestAborted);
        return Page();
    }
}
