using Liftoff.Web.Features.Backlog.ProductAreas;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Backlog;

[Authorize(Policy = Policies.Lead)]
public sealed class AreasModel(AreasAdministration areas) : PageModel
{
    public IReadOnlyList<AreaView> Areas { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => Areas = await areas.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync(string? name)
    {
        var outcome = await areas.CreateAsync(name, HttpContext.RequestAborted);
        outcome.CopyTo(ModelState, "New");
        Message = outcome.IsOk ? $"Area {outcome.Value!.Name} created." : null;
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name)
    {
        var outcome = await areas.RenameAsync(id, name, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState, $"Area{id}");
        Message = outcome.IsOk ? $"Area renamed to {outcome.Value!.Name}." : null;
        await OnGetAsync();
        return Page();
    }
}
