using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Organisations;

public sealed class IndexModel(OrganisationAdministration organisations) : PageModel
{
    public IReadOnlyList<OrganisationView> Organisations { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public OrganisationKind Kind { get; set; } = OrganisationKind.Customer;

    [BindProperty]
    public string? Segment { get; set; }

    [BindProperty]
    public string? Tier { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    public async Task OnGetAsync() => Organisations = await organisations.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await organisations.CreateAsync(new OrganisationInput(Name ?? "", Kind, Segment, Tier, Country),
            HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            return Redirect($"/Organisations/Edit/{outcome.Value!.Id}");
        }
        outcome.CopyTo(ModelState);
        await OnGetAsync();
        return Page();
    }
}
