using Liftoff.Data;
using Liftoff.Data.Communications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>
/// The lending-shop line on a release page, linking to the delivery log:
/// <c>@await Component.InvokeAsync(typeof(LendingShopStatusViewComponent), new { releaseId })</c>.
/// </summary>
public sealed class LendingShopStatusViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int releaseId)
    {
        var status = await db.LendingShopDeliveries.AsNoTracking().Where(d => d.ReleaseId == releaseId)
            .Select(d => (DeliveryStatus?)d.Status).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return View("/Features/LendingShop/_Status.cshtml", (releaseId, status));
    }
}
