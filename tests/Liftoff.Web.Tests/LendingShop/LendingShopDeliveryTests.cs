using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.LendingShop;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liftoff.Web.Tests.LendingShop;

public sealed class LendingShopDeliveryTests
{
    [Fact]
    public async Task Release_ShopAnswers200_SignedNoticeDeliveredOnceAndTaskDone()
    {
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, 200);
        await using var factory = new LendingShopFactory(shop.Url);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await LendingShopFactory.ReadyReleaseAsync(staff, "Exports are twice as fast.");

        await LendingShopFactory.MarkReleasedAsync(staff, release.Id);
        var delivered = await factory.Services.GetRequiredService<LendingShopDeliverer>().ProcessDueAsync();

        Assert.Equal(1, delivered);
        var request = Assert.Single(shop.Received);
        Assert.True(request.SignatureValid, $"signature {request.Signature} does not match the body");
        Assert.StartsWith("sha256=", request.Signature);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("release.released", root.GetProperty("event").GetString());
        Assert.Equal(request.Delivery, root.GetProperty("deliveryId").GetInt32()
            .ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("sentAt").GetString(),
            System.Globalization.CultureInfo.InvariantCulture, out _));
        var r = root.GetProperty("release");
        Assert.Equal(["id", "product", "version", "releasedOn", "summary"],
            r.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(release.Id, r.GetProperty("id").GetInt32());
        Assert.Equal("software", r.GetProperty("product").GetString());
        Assert.Equal(release.Version, r.GetProperty("version").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            r.GetProperty("releasedOn").GetString());
        Assert.Equal("Exports are twice as fast.", r.GetProperty("summary").GetString());
        var d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal(200, Assert.Single(d.AttemptLog).StatusCode);
        Assert.Equal(RolloutTaskStatus.Done, await factory.TaskStatusAsync(release.Id,
            DefaultPlaybook.LendingShopUpdate));
        Assert.Equal(0, await factory.Services.GetRequiredService<LendingShopDeliverer>().ProcessDueAsync());
        Assert.Single(shop.Received);
    }

    [Fact]
    public async Task Release_SummaryNamesUnreleasedRoadmapItem_SummaryLeftOutOfTheNotice()
    {
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, 200);
        await using var factory = new LendingShopFactory(shop.Url);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var codename = "Heron" + Guid.NewGuid().ToString("N")[..5];
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = "Swarm planning",
                Codename = codename,
                Target = "2027-Q3",
                UpdatedAt = DateTimeOffset.UtcNow
            });
            await db.SaveChangesAsync();
        });
        var release = await LendingShopFactory.ReadyReleaseAsync(staff,
            $"Faster exports; {codename} follows next year.");

        await LendingShopFactory.MarkReleasedAsync(staff, release.Id);
        await factory.Services.GetRequiredService<LendingShopDeliverer>().ProcessDueAsync();

        var request = Assert.Single(shop.Received);
        Assert.DoesNotContain(codename, request.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("2027", request.Text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("release").GetProperty("summary").ValueKind);
    }

    [Fact]
    public async Task Release_ShopAnswers500Then500Then200_RetriedWithDoublingDelayThenDeliveredAndTaskDone()
    {
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, 500, 500, 200);
        await using var factory = new LendingShopFactory(shop.Url, retryDelay: TimeSpan.FromMinutes(1));
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await LendingShopFactory.ReadyReleaseAsync(staff);
        await LendingShopFactory.MarkReleasedAsync(staff, release.Id);
        // Whole milliseconds, so instants compare equal after a round trip through PostgreSQL (microseconds).
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000));
        var deliverer = ActivatorUtilities.CreateInstance<LendingShopDeliverer>(factory.Services, (TimeProvider)clock);

        Assert.Equal(0, await deliverer.ProcessDueAsync());
        var first = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Pending, first.Status);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), first.NextAttemptAt);
        Assert.Equal(0, await deliverer.ProcessDueAsync());
        Assert.Single(shop.Received);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await deliverer.ProcessDueAsync());
        var second = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), second.NextAttemptAt);
        Assert.Equal(RolloutTaskStatus.Todo, await factory.TaskStatusAsync(release.Id,
            DefaultPlaybook.LendingShopUpdate));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await deliverer.ProcessDueAsync());

        var d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal([500, 500, 200], d.AttemptLog.OrderBy(a => a.Id).Select(a => a.StatusCode).ToArray());
        Assert.Contains("500", d.AttemptLog.OrderBy(a => a.Id).First().Error);
        Assert.Equal(3, shop.Received.Count);
        Assert.All(shop.Received, r => Assert.True(r.SignatureValid));
        Assert.Single(shop.Received.Select(r => r.Delivery).Distinct());
        Assert.Equal(RolloutTaskStatus.Done, await factory.TaskStatusAsync(release.Id,
            DefaultPlaybook.LendingShopUpdate));
        var page = await (await factory.SignedInClientAsync(Roles.Staff))
            .GetStringAsync($"/Releases/{release.Id}/LendingShop");
        Assert.Contains("delivered", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<td>500</td>"));
    }

    [Fact]
    public async Task Release_ShopTimesOut_RetriedThenFailedVisible_LeadRetriesNow()
    {
        var hang = true;
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, async (_, stop) =>
        {
            if (Volatile.Read(ref hang))
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            return 204;
        });
        await using var factory = new LendingShopFactory(shop.Url, timeout: TimeSpan.FromMilliseconds(300),
            maxAttempts: 2);
        var staffToken = await factory.TokenClientAsync(Roles.Staff);
        var release = await LendingShopFactory.ReadyReleaseAsync(staffToken);
        await LendingShopFactory.MarkReleasedAsync(staffToken, release.Id);
        var deliverer = factory.Services.GetRequiredService<LendingShopDeliverer>();

        await deliverer.ProcessDueAsync();
        await deliverer.ProcessDueAsync();
        await deliverer.ProcessDueAsync();

        var d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Failed, d.Status);
        Assert.Equal(2, d.AttemptLog.Count);
        Assert.All(d.AttemptLog, a => Assert.Null(a.StatusCode));
        Assert.All(d.AttemptLog, a => Assert.Contains("timed out", a.Error));
        Assert.Equal(RolloutTaskStatus.Todo, await factory.TaskStatusAsync(release.Id,
            DefaultPlaybook.LendingShopUpdate));

        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var detail = await staff.GetStringAsync($"/Releases/{release.Id}");
        Assert.Contains($"/Releases/{release.Id}/LendingShop", detail);
        Assert.Contains("failed", detail);
        var log = await staff.GetStringAsync($"/Releases/{release.Id}/LendingShop");
        Assert.Contains("Failed after 2 attempts", log);
        Assert.Contains("timed out", log);
        Assert.DoesNotContain("Retry now", log);
        var refused = await LiftoffFactory.PostFormAsync(staff, $"/Releases/{release.Id}/LendingShop?handler=Retry",
            [], $"/Releases/{release.Id}/LendingShop");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString());
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await factory.DeliveriesAsync(release.Id)).Status);

        Volatile.Write(ref hang, false);
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        Assert.Contains("Retry now", await lead.GetStringAsync($"/Releases/{release.Id}/LendingShop"));
        var retried = await LiftoffFactory.PostFormAsync(lead, $"/Releases/{release.Id}/LendingShop?handler=Retry", [],
            $"/Releases/{release.Id}/LendingShop");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Contains("Queued", await retried.Content.ReadAsStringAsync());
        Assert.Equal(1, await deliverer.ProcessDueAsync());

        d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Equal(204, d.AttemptLog.OrderBy(a => a.Id).Last().StatusCode);
        Assert.Equal(RolloutTaskStatus.Done, await factory.TaskStatusAsync(release.Id,
            DefaultPlaybook.LendingShopUpdate));
        var again = await LiftoffFactory.PostFormAsync(lead, $"/Releases/{release.Id}/LendingShop?handler=Retry", [],
            $"/Releases/{release.Id}/LendingShop");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("only a failed or not configured delivery can be retried",
            await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Release_MarkedReleasedTwiceAtOnce_TwoDeliverers_ShopToldOnce()
    {
        var gate = new TaskCompletionSource();
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, async (_, _) =>
        {
            await gate.Task;
            return 200;
        });
        await using var factory = new LendingShopFactory(shop.Url);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var other = await factory.TokenClientAsync(Roles.Staff);
        var release = await LendingShopFactory.ReadyReleaseAsync(staff);

        var answers = await Task.WhenAll(
            Rollout.RolloutTestHelpers.MarkReleasedAsync(staff, release.Id),
            Rollout.RolloutTestHelpers.MarkReleasedAsync(other, release.Id));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict,
            $"got {a.StatusCode}"));
        await LendingShopFactory.MarkReleasedAsync(staff, release.Id);
        Assert.Single(await factory.DeliveriesAsync(release.Id));

        var one = ActivatorUtilities.CreateInstance<LendingShopDeliverer>(factory.Services);
        var two = ActivatorUtilities.CreateInstance<LendingShopDeliverer>(factory.Services);
        var running = new[] { Task.Run(() => one.ProcessDueAsync()), Task.Run(() => two.ProcessDueAsync()) };
        await Task.Delay(200);
        gate.SetResult();
        var delivered = await Task.WhenAll(running);

        Assert.Equal(1, delivered.Sum());
        Assert.Single(shop.Received);
        var d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.Delivered, d.Status);
        Assert.Single(d.AttemptLog);
    }

    [Fact]
    public async Task Release_NoUrlConfigured_ReleaseSucceedsAndLogSaysNotConfigured()
    {
        await using var factory = new LendingShopFactory(url: null);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await LendingShopFactory.ReadyReleaseAsync(staff);

        await LendingShopFactory.MarkReleasedAsync(staff, release.Id);
        Assert.Equal(0, await factory.Services.GetRequiredService<LendingShopDeliverer>().ProcessDueAsync());

        var d = Assert.Single(await factory.DeliveriesAsync(release.Id));
        Assert.Equal(DeliveryStatus.NotConfigured, d.Status);
        Assert.Empty(d.AttemptLog);
        var page = await (await factory.SignedInClientAsync(Roles.Staff))
            .GetStringAsync($"/Releases/{release.Id}/LendingShop");
        Assert.Contains("Not configured", page);
        Assert.Contains("LendingShop:Url", page);
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var retry = await LiftoffFactory.PostFormAsync(lead, $"/Releases/{release.Id}/LendingShop?handler=Retry", [],
            $"/Releases/{release.Id}/LendingShop");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("an administrator sets it first", await retry.Content.ReadAsStringAsync());
        Assert.Equal(DeliveryStatus.NotConfigured, Assert.Single(await factory.DeliveriesAsync(release.Id)).Status);
    }

    [Fact]
    public async Task Settings_Admin_SeesEffectiveSettingsWithSecretHidden()
    {
        await using var factory = new LendingShopFactory("https://shop.example/hooks/liftoff");
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetStringAsync("/LendingShop/Settings");

        Assert.Contains("https://shop.example/hooks/liftoff", page);
        Assert.DoesNotContain(LendingShopFactory.Secret, page);
        Assert.Contains("hidden", page);
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var refused = await lead.GetAsync("/LendingShop/Settings");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
