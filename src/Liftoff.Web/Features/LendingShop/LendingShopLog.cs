using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.LendingShop;

public sealed record AttemptView(DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

public sealed record DeliveryView(
    int Id, string Url, DeliveryStatus Status, int Attempts, int MaxAttempts, DateTimeOffset CreatedAt,
        DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError, string Body, IReadOnlyList<AttemptView> Log)
{
    public bool CanRetry => Status is DeliveryStatus.Failed or DeliveryStatus.NotConfigured;

    public string StatusLabel => LendingShopLog.Label(Status);
}

public sealed record ReleaseDeliveryView(int ReleaseId, string Title, ReleaseStatus ReleaseStatus,
    DeliveryView? Delivery);

/// <summary>The delivery log of one release and the "retry now" action.</summary>
public sealed class LendingShopLog(AppDbContext db, AuditLog audit, IOptions<LendingShopOptions> options,
    TimeProvider clock)
{
    public static string Label(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "waiting",
        DeliveryStatus.Delivering => "sending",
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.NotConfigured => "not configured",
        _ => status.ToString(),
    };

    public async Task<ReleaseDeliveryView?> ForReleaseAsync(int releaseId, CancellationToken ct = default)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new { r.Id, r.Product, r.Version, r.Name, r.Status }).FirstOrDefaultAsync(ct);
        if (release is null)
        {
            return null;
        }
        var title = Liftoff.Domain.Rollout.ReleaseNames.Display(release.Product, release.Version, release.Name);
        var d = await db.LendingShopDeliveries.AsNoTracking().Where(x => x.ReleaseId == releaseId)
            .FirstOrDefaultAsync(ct);
        if (d is null)
        {
            return new ReleaseDeliveryView(release.Id, title, release.Status, null);
        }
        var attempts = await db.LendingShopAttempts.AsNoTracking().Where(a => a.DeliveryId == d.Id).OrderBy(a => a.Id)
            .Select(a => new AttemptView(a.At, a.StatusCode, a.Error, a.DurationMs)).ToListAsync(ct);
        var view = new DeliveryView(d.Id, d.Url, d.Status, d.Attempts, options.Value.MaxAttempts, d.CreatedAt,
            d.NextAttemptAt, d.DeliveredAt,
            d.LastStatusCode, d.LastError, d.Body, attempts);
        return new ReleaseDeliveryView(release.Id, title, release.Status, view);
    }

    /// <summary>Queues a failed (or not configured) delivery for a new series of attempts, starting now.</summary>
    public async Task<Outcome<DeliveryStatus>> RetryAsync(int releaseId, CancellationToken ct = default)
    {
        var delivery = await db.LendingShopDeliveries.AsNoTracking()
            .FirstOrDefaultAsync(d => d.ReleaseId == releaseId, ct);
        if (delivery is null)
        {
            return await db.Releases.AnyAsync(r => r.Id == releaseId, ct)
                ? Outcome<DeliveryStatus>.Invalid("",
                    "There is nothing to retry: the lending shop is told once the release is marked released.")
                : Outcome<DeliveryStatus>.NotFound();
        }
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return Outcome<DeliveryStatus>.Invalid("",
                "No lending-shop URL is configured (LendingShop:Url); an administrator sets it first.");
        }
        var now = clock.GetUtcNow();
        var url = o.Url!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Conditional: a delivery that meanwhile succeeded or is being sent is left alone.
        var changed = await db.LendingShopDeliveries.Where(d => d.Id == delivery.Id
            && (d.Status == DeliveryStatus.Failed
                || d.Status == DeliveryStatus.NotConfigured))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.Url, url)
                    .SetProperty(d => d.LastError, (string?)null), ct);
        if (changed == 0)
        {
            var current = await db.LendingShopDeliveries.AsNoTracking().Where(d => d.Id == delivery.Id)
                .Select(d => d.Status).FirstAsync(ct);
            return Outcome<DeliveryStatus>.Conflict(
                $"The delivery is {Label(current)}; only a failed or not configured delivery can be retried.");
        }
        audit.Add("lendingshop.retry", "release", releaseId.ToString(CultureInfo.InvariantCulture),
            $"delivery {delivery.Id} queued again for {url} (was {Label(delivery.Status)})");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<DeliveryStatus>.Ok(DeliveryStatus.Pending);
    }
}
