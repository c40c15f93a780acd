using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>The lending-shop delivery log of one release, with "retry now" for leads and admins.</summary>
public sealed class DeliveryModel(LendingShopLog log, LendingShopDeliverer deliverer) : PageModel
{
    public ReleaseDeliveryView? View { get; private set; }

    public string? Message { get; private set; }

    public bool CanRetry => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        View = await log.ForReleaseAsync(id, HttpContext.RequestAborted);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        if (!CanRetry)
        {
            return Forbid();
        }
        var outcome = await log.RetryAsync(id, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState);
        if (outcome.IsOk)
        {
            deliverer.Wake();
            Message = "Queued: the lending shop is called again within seconds. Reload to see the result.";
        }
        View = await log.ForReleaseAsync(id, HttpContext.RequestAborted);
        return View is null ? NotFound() : Page();
    }
}
