using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Organisations;

public sealed class EditModel(OrganisationAdministration organisations) : PageModel
{
    public OrganisationView? Organisation { get; private set; }

    public IReadOnlyList<OrganisationContact> Contacts { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public OrganisationKind Kind { get; set; }

    [BindProperty]
    public string? Segment { get; set; }

    [BindProperty]
    public string? Tier { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        (Name, Kind, Segment, Tier, Country) = (Organisation!.Name, Organisation.Kind, Organisation.Segment,
            Organisation.Tier, Organisation.Country);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        var outcome = await organisations.UpdateAsync(id, new OrganisationInput(Name ?? "", Kind, Segment, Tier,
            Country), HttpContext.RequestAborted);
        return await ShowAsync(id, outcome.Kind, () => outcome.CopyTo(ModelState), "Organisation saved.",
            keepInput: !outcome.IsOk);
    }

    public async Task<IActionResult> OnPostAddContactAsync(int id, string? contactEmail, string? contactName)
    {
        var outcome = await organisations.AddContactAsync(id, new OrganisationContactInput(contactEmail ?? "",
            contactName), HttpContext.RequestAborted);
        return await ShowAsync(id, outcome.Kind, () => outcome.CopyTo(ModelState, "NewContact"),
            $"Contact {outcome.Value?.Email} added.");
    }

    public async Task<IActionResult> OnPostUpdateContactAsync(int id, int contactId, string? email, string? name,
        int rowVersion)
    {
        var outcome = await organisations.UpdateContactAsync(id, contactId,
            new OrganisationContactInput(email ?? "", name), rowVersion, HttpContext.RequestAborted);
        return await ShowAsync(id, outcome.Kind, () => outcome.CopyTo(ModelState, $"Contact{contactId}"),
            $"Contact {outcome.Value?.Email} saved.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var outcome = await organisations.DeleteAsync(id, HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            return Redirect("/Organisations");
        }
        return await ShowAsync(id, outcome.Kind, () => outcome.CopyTo(ModelState), "");
    }

    private async Task<IActionResult> ShowAsync(int id, OutcomeKind kind, Action copyErrors, string success,
        bool keepInput = false)
    {
        if (kind == OutcomeKind.NotFound || !await LoadAsync(id))
        {
            return NotFound();
        }
        if (kind == OutcomeKind.Ok)
        {
            Message = success;
        }
        else
        {
            copyErrors();
        }
        if (!keepInput)
        {
            (Name, Kind, Segment, Tier, Country) = (Organisation!.Name, Organisation.Kind, Organisation.Segment,
                Organisation.Tier, Organisation.Country);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        Organisation = await organisations.GetAsync(id, HttpContext.RequestAborted);
        if (Organisation is null)
        {
            return false;
        }
        Contacts = await organisations.ContactsAsync(id, HttpContext.RequestAborted);
        return true;
    }
}
