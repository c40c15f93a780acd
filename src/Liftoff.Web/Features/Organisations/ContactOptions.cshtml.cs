using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Organisations;

/// <summary>The contact choices of one organisation, swapped into the intake form when the organisation
/// changes.</summary>
public sealed class ContactOptionsModel(OrganisationAdministration organisations) : PageModel
{
    public IReadOnlyList<OrganisationContact> Contacts { get; private set; } = [];

    public int? Selected { get; private set; }

    public async Task OnGetAsync(int organisationId, int? contactId)
    {
        Selected = contactId;
        Contacts = organisationId > 0 ? await organisations.ContactsAsync(organisationId, HttpContext.RequestAborted)
            : [];
    }
}
