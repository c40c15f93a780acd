using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Releases;

public sealed class IndexModel(ReleaseQueries queries, CreateRelease planning, PlaybookLibrary playbooks) : PageModel
{
    public IReadOnlyList<ReleaseSummary> Releases { get; private set; } = [];

    public IReadOnlyList<PlaybookSummary> Playbooks { get; private set; } = [];

    [BindProperty]
    public string Product { get; set; } = "software";

    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? PlannedDate { get; set; }

    [BindProperty]
    public bool SignificantChanges { get; set; }

    [BindProperty]
    public string? ContentSummary { get; set; }

    [BindProperty]
    public int? PlaybookId { get; set; }

    public async Task OnGetAsync()
    {
        Releases = await queries.ListAsync(activeOnly: false);
        Playbooks = await playbooks.ListAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await planning.CreateAsync(new ReleaseInput(Product, Version, PlannedDate, SignificantChanges,
            ContentSummary, Name, PlaybookId));
        if (outcome.IsOk)
        {
            return Redirect($"/Releases/{outcome.Value!.Id}");
        }
        outcome.CopyTo(ModelState);
        await OnGetAsync();
        return Page();
    }
}
