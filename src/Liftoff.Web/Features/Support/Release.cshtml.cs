using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Support;

public sealed class ReleaseModel(SurgeForecasts forecasts) : PageModel
{
    public ReleaseSurge Surge { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await forecasts.ForReleaseAsync(id, ct) is not { } surge)
        {
            return NotFound();
        }
        Surge = surge;
        return Page();
    }
}
