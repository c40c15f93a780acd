using Liftoff.Data.Backlog;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Backlog;

// The limit is checked by the reader with a clear message; this only lets such files reach it.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class ImportModel(BacklogImporter importer, AreasAdministration areas) : PageModel
{
    private const long UploadLimit = ImportSheetReader.MaxBytes + (1024 * 1024);

    public ImportSession? Session { get; private set; }

    public ImportPlan? Plan { get; private set; }

    public ImportProgress? Progress { get; private set; }

    public bool Imported { get; private set; }

    public IReadOnlyList<string> Headers { get; private set; } = [];

    public IReadOnlyList<AreaView> Areas { get; private set; } = [];

    public IReadOnlyList<(long Id, string FileName, BacklogImportStatus Status, string Summary, DateTimeOffset CreatedAt)> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } i)
        {
            if (!await LoadAsync(i))
            {
                return NotFound();
            }
            if (Session!.Status == BacklogImportStatus.Uploaded)
            {
                Plan = await importer.PreviewAsync(i, HttpContext.RequestAborted);
            }
            else
            {
                Progress = await importer.ProgressAsync(i, HttpContext.RequestAborted);
            }
        }
        Recent = await importer.RecentAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("Upload", "Choose a CSV or .xlsx file with the backlog.");
        }
        else if (upload.Length > ImportSheetReader.MaxBytes)
        {
            ModelState.AddModelError("Upload", $"The file is {upload.Length / (1024.0 * 1024):0.#} MB; the limit is {ImportSheetReader.MaxBytes / (1024 * 1024)} MB. Split the sheet into smaller files.");
        }
        else
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
            var outcome = await importer.UploadAsync(upload.FileName, buffer.ToArray(), AccountApi.UserId(User), HttpContext.RequestAborted);
            if (outcome.IsOk)
            {
                return Redirect($"/Backlog/Import?id={outcome.Value}");
            }
            outcome.CopyTo(ModelState);
        }
        Recent = await importer.RecentAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(long id, ImportMappingForm form)
    {
        var outcome = await importer.SaveMappingAsync(id, form.ToMapping(), HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.IsOk)
        {
            TempData["ImportMessage"] = outcome.Message;
        }
        return Redirect($"/Backlog/Import?id={id}");
    }

    public async Task<IActionResult> OnPostRunAsync(long id, ImportMappingForm form)
    {
        var saved = await importer.SaveMappingAsync(id, form.ToMapping(), HttpContext.RequestAborted);
        if (saved.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        var outcome = saved.IsOk ? await importer.RunAsync(id, HttpContext.RequestAborted) : Outcome<ImportPlan>.Conflict(saved.Message);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Plan = outcome.Value;
            Imported = Plan!.Succeeded;
            Progress = Imported ? await importer.ProgressAsync(id, HttpContext.RequestAborted) : null;
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        Recent = await importer.RecentAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Polled while the similar-request search embeds the imported requests.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id)
    {
        Session = await importer.GetAsync(id, HttpContext.RequestAborted);
        if (Session is null)
        {
            return NotFound();
        }
        Progress = await importer.ProgressAsync(id, HttpContext.RequestAborted);
        return Partial("_ImportProgress", this);
    }

    private async Task<bool> LoadAsync(long id)
    {
        Session = await importer.GetAsync(id, HttpContext.RequestAborted);
        if (Session is null)
        {
            return false;
        }
        Headers = Session.File.Sheets.SelectMany(s => s.Headers).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Areas = await areas.ListAsync(HttpContext.RequestAborted);
        return true;
    }
}

/// <summary>The mapping as posted by the form: empty means "not in the sheet".</summary>
public sealed class ImportMappingForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Organisation { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? Date { get; set; }

    public string? Status { get; set; }

    public string? Area { get; set; }

    public string? DefaultArea { get; set; }

    public OrganisationKind NewOrganisationKind { get; set; } = OrganisationKind.Customer;

    public ImportMapping ToMapping() => new(N(Title), N(Description), N(Organisation), N(ContactName), N(ContactEmail), N(Date), N(Status), N(Area),
        N(DefaultArea) is { } a ? AreasAdministration.CleanName(a) : null, Enum.IsDefined(NewOrganisationKind) ? NewOrganisationKind : OrganisationKind.Customer);

    private static string? N(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
