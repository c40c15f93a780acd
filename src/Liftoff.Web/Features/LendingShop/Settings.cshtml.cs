using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.LendingShop;

public sealed record RecentDelivery(int ReleaseId, string Release, DeliveryStatus Status, int Attempts,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt);

/// <summary>The effective lending-shop settings (secret masked) and the latest deliveries.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsModel(IOptions<LendingShopOptions> options, AppDbContext db) : PageModel
{
    public LendingShopOptions Options => options.Value;

    public string MaskedSecret => string.IsNullOrEmpty(Options.Secret) ? "not set"
        : $"set ({Options.Secret.Length} characters, hidden)";

    public IReadOnlyList<RecentDelivery> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Recent = await db.LendingShopDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(20)
            .Join(db.Releases, d => d.ReleaseId, r => r.Id, (d, r) =>
                new RecentDelivery(r.Id, r.Version, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
