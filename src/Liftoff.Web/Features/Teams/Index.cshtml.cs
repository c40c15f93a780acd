using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Teams;

public sealed class IndexModel(TeamAdministration teams) : PageModel
{
    public IReadOnlyList<TeamView> Teams { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? Responsibilities { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync() => Teams = await teams.ListAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var outcome = await teams.CreateAsync(new TeamInput(Name, Responsibilities));
        if (outcome.IsOk)
        {
            return RedirectToPage("/Teams/Edit", new { id = outcome.Value!.Id });
        }
        outcome.CopyTo(ModelState);
        await OnGetAsync();
        return Page();
    }
}
