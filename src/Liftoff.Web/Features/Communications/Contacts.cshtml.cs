using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

// Lets files up to the upload limit reach the import, which names the limit when a file passes it.
[RequestSizeLimit(UploadLimits.RequestCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.RequestCeiling)]
public sealed class ContactsModel(ContactAdministration contacts, AppDbContext db) : PageModel
{
    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];

    public IReadOnlyList<OrganisationEntity> Organisations { get; private set; } = [];

    public ImportReport? Report { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Contacts = await contacts.ListAsync();
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
    }

    public async Task<IActionResult> OnPostAddAsync(string email, string? name, int? organisationId,
        Audience? audience, bool consent)
    {
        var outcome = await contacts.AddAsync(new ContactInput(email ?? "", name ?? "", organisationId, audience,
            consent));
        if (outcome.IsOk)
        {
            Message = $"Added {outcome.Value!.Email}.";
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string listName, Audience importAudience, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", "Choose a CSV file.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Report = await contacts.ImportCsvAsync(stream, importAudience, listName, HttpContext.RequestAborted);
            if (Report.Succeeded)
            {
                Message = $"Imported {Plural.Count(Report.Imported, "contact")} into the list '{listName}'.";
            }
        }
        await OnGetAsync();
        return Page();
    }
}
