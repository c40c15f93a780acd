using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>
/// Queues the lending-shop notification of a release that has just been marked released, in the
/// caller's unit of work: the status change and the delivery row are saved together or not at all.
/// The unique index on the release keeps it to one delivery, also under concurrent requests.
/// </summary>
public sealed class LendingShopNotice(AppDbContext db, IOptions<LendingShopOptions> options, TimeProvider clock)
{
    public async Task AddForAsync(ReleaseEntity release, CancellationToken ct)
    {
        if (db.LendingShopDeliveries.Local.Any(d => d.ReleaseId == release.Id) ||
            await db.LendingShopDeliveries.AnyAsync(d => d.ReleaseId == release.Id, ct))
        {
            return;
        }
        var o = options.Value;
        var now = clock.GetUtcNow();
        db.LendingShopDeliveries.Add(new LendingShopDelivery
        {
            ReleaseId = release.Id,
            Url = o.Url?.Trim() ?? "",
            Status = o.IsConfigured ? DeliveryStatus.Pending : DeliveryStatus.NotConfigured,
            NextAttemptAt = now,
            CreatedAt = now,
            LastError = o.IsConfigured ? null : "No lending-shop URL is configured (LendingShop:Url).",
        });
    }
}
