using Liftoff.Data.Backlog;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.ProductAreas;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog;

// The limit is checked by the reader with a clear message; this only lets such files reach it.
[RequestSizeLimit(UploadLimits.RequestCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.RequestCeiling)]
public sealed class ImportModel(BacklogImporter importer, AreasAdministration areas, IOptions<UploadLimits> limits)
    : PageModel
{
    public ImportSession? Session { get; private set; }

    public ImportPlan? Plan { get; private set; }

    /// <summary>The background import's committed progress, once the file is queued.</summary>
    public ImportStatusView? Status { get; private set; }

    public IReadOnlyList<string> Headers { get; private set; } = [];

    public IReadOnlyList<AreaView> Areas { get; private set; } = [];

    public IReadOnlyList<(long Id, string FileName, BacklogImportStatus Status, string Summary,
        DateTimeOffset CreatedAt)> Recent
    { get; private set; } = [];

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
                Plan = await importer.PreviewAsync(Session, HttpContext.RequestAborted);
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
        else if (upload.Length > limits.Value.MaxFileBytes)
        {
            ModelState.AddModelError("Upload", UploadLimits.FileTooLarge(upload.Length, limits.Value.MaxFileBytes));
        }
        else
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
            var outcome = await importer.UploadAsync(upload.FileName, buffer.ToArray(), User.UserId(),
                HttpContext.RequestAborted);
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

    /// <summary>Validates with a dry run and queues the import; the page then follows its progress.</summary>
    public async Task<IActionResult> OnPostRunAsync(long id, ImportMappingForm form)
    {
        var saved = await importer.SaveMappingAsync(id, form.ToMapping(), HttpContext.RequestAborted);
        if (saved.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!saved.IsOk)
        {
            TempData["ImportMessage"] = saved.Message;
            return Redirect($"/Backlog/Import?id={id}");
        }
        return await QueueAsync(id);
    }

    /// <summary>"Import again" after a failure: the rows already written stay and only the rest is added.</summary>
    public Task<IActionResult> OnPostResumeAsync(long id) => QueueAsync(id);

    /// <summary>Polled while the import writes its rows and the similar-request search embeds the new
    /// requests.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id)
    {
        Status = await importer.StatusAsync(id, HttpContext.RequestAborted);
        return Status is null ? NotFound() : Partial("_ImportProgress", Status);
    }

    private async Task<IActionResult> QueueAsync(long id)
    {
        if (!await LoadAsync(id, toQueue: true))
        {
            return NotFound();
        }
        var outcome = await importer.QueueAsync(Session!, HttpContext.RequestAborted);
        if (outcome.IsOk && outcome.Value!.Succeeded)
        {
            return Redirect($"/Backlog/Import?id={id}");
        }
        if (outcome.IsOk)
        {
            Plan = outcome.Value;
        }
        else
        {
            TempData["ImportMessage"] = outcome.Message;
            return Redirect($"/Backlog/Import?id={id}");
        }
        Recent = await importer.RecentAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Reads the stored file only while its mapping can still change; afterwards only the counters.</summary>
    private async Task<bool> LoadAsync(long id, bool toQueue = false)
    {
        var status = await importer.StatusAsync(id, HttpContext.RequestAborted);
        if (status is null)
        {
            return false;
        }
        var editable = status.Status == BacklogImportStatus.Uploaded || toQueue;
        Session = await importer.GetAsync(id, readFile: editable, HttpContext.RequestAborted);
        if (Session is null)
        {
            return false;
        }
        Status = status.Status == BacklogImportStatus.Uploaded ? null : status;
        Headers = Session.File?.Sheets.SelectMany(s => s.Headers).Where(h => h.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
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

    public ImportMapping ToMapping() => new(N(Title), N(Description), N(Organisation), N(ContactName), N(ContactEmail),
        N(Date), N(Status), N(Area),
        N(DefaultArea) is { } a ? AreasAdministration.CleanName(a) : null,
            Enum.IsDefined(NewOrganisationKind) ? NewOrganisationKind : OrganisationKind.Customer);

    private static string? N(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
