using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.LendingShop;

/// <summary>The app with the lending shop pointed at a loopback receiver (or at nothing); tests drive the
/// deliverer.</summary>
public sealed class LendingShopFactory(string? url, TimeSpan? timeout = null, int maxAttempts = 3,
    TimeSpan? retryDelay = null) : LiftoffFactory
{
    public const string Secret = "test-shared-secret-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (url is not null)
        {
            builder.UseSetting("LendingShop:Url", url);
            builder.UseSetting("LendingShop:Secret", Secret);
        }
        builder.UseSetting("LendingShop:RunInBackground", "false");
        builder.UseSetting("LendingShop:Timeout", (timeout ?? TimeSpan.FromSeconds(10))
            .ToString("c", CultureInfo.InvariantCulture));
        builder.UseSetting("LendingShop:MaxAttempts", maxAttempts.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("LendingShop:RetryDelay", (retryDelay ?? TimeSpan.Zero)
            .ToString("c", CultureInfo.InvariantCulture));
    }

    /// <summary>A release whose lending-shop task may be completed (its prerequisites are done), not yet
    /// released.</summary>
    public static async Task<ReleaseView> ReadyReleaseAsync(HttpClient staff,
        string summary = "Faster exports and a new report page.")
    {
        var created = await CreateReleaseAsync(staff, daysAhead: 20);
        var update = await staff.PutAsJsonAsync($"/api/releases/{created.Id}",
            new { version = created.Version, contentSummary = summary, rowVersion = created.RowVersion });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        foreach (var step in new[] { DefaultPlaybook.ContentDiscussion, DefaultPlaybook.DeliveryRollout })
        {
            var done = await staff.PostAsJsonAsync($"/api/tasks/{created.Task(step).Id}/status",
                new { status = "done" });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        return (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{created.Id}", Json))!;
    }

    public static async Task MarkReleasedAsync(HttpClient staff, int releaseId)
    {
        var response = await Rollout.RolloutTestHelpers.MarkReleasedAsync(staff, releaseId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<List<LendingShopDelivery>> DeliveriesAsync(int releaseId) =>
        WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().LendingShopDeliveries.AsNoTracking()
            .Include(d => d.AttemptLog).Where(d => d.ReleaseId == releaseId).ToListAsync());

    public Task<RolloutTaskStatus> TaskStatusAsync(int releaseId, string step) =>
        WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == step).Select(t => t.Status).FirstAsync());
}
