using System.Net;
using System.Net.Http.Json;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.LendingShop;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.LendingShop;

public sealed class LendingShopAfterReleaseTests
{
    [Fact]
    public async Task Release_PrerequisitesDecidedAtRelease_ShopAnswers200_LendingShopTaskDoneAfterRelease()
    {
        await using var shop = new WebhookReceiver(LendingShopFactory.Secret, 200);
        await using var factory = new LendingShopFactory(shop.Url);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, daysAhead: 20);
        // Delivery's rollout (the lending-shop step's prerequisite) is done only in the release form.
        var decisions = release.Tasks.Where(t => t.OffsetDays < 0)
            .Select(t => new { taskId = t.Id, decision = "done", reason = "" }).ToList();
        var released = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status",
            new { status = "released", decisions });
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var before = await factory.TaskStatusAsync(release.Id, DefaultPlaybook.LendingShopUpdate);
        Assert.Equal(RolloutTaskStatus.Todo, before);

        var delivered = await factory.Services.GetRequiredService<LendingShopDeliverer>().ProcessDueAsync();

        Assert.Equal(1, delivered);
        Assert.Single(shop.Received);
        var after = await factory.TaskStatusAsync(release.Id, DefaultPlaybook.LendingShopUpdate);
        Assert.Equal(RolloutTaskStatus.Done, after);
        Assert.Equal(RolloutTaskStatus.Todo, await factory.TaskStatusAsync(release.Id, DefaultPlaybook.SupportSurge));
    }
}
