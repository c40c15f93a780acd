using System.Net;
using System.Net.Http.Json;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.Rollout;
using Microsoft.EntityFrameworkCore;
using static Liftoff.Web.Tests.Backlog.BacklogTestData;

namespace Liftoff.Web.Tests.Backlog;

public sealed class ShippedRequestsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static async Task LinkAsync(HttpClient staff, long id, object body) =>
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{id}/status", body)).StatusCode);

    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private Task<List<string>> ToldAsync(string tag) => DbAsync(factory,
        db => db.Outbox.Where(m => m.Kind == "request-released" && m.ToAddress.Contains(tag)).Select(m => m.ToAddress)
            .ToListAsync());

    [Fact]
    public async Task MarkReleased_LinkedDirectlyAndThroughRoadmapItem_RequestsReleasedAndEachRequestorToldOnce()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var browser = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Staff));
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var item = await CreateRoadmapItemAsync(factory, $"Kestrel{tag} waypoint import", releaseId: release.Id);
        var direct = await CreateRequestAsync(staff, "Offline basemaps", org, $"ana-{tag}@customer.example",
            name: "Ana");
        await AddRequestorAsync(staff, direct.Id, org, $"ben-{tag}@customer.example");
        await LinkAsync(staff, direct.Id, new { status = "InDevelopment", releaseId = release.Id });
        var viaItem = await CreateRequestAsync(staff, $"Kestrel{tag} waypoint import from KML", org,
            $"cy-{tag}@customer.example");
        await LinkAsync(staff, viaItem.Id, new { status = "Planned", roadmapItemId = item });
        var declined = await CreateRequestAsync(staff, "Declined idea", org, $"dee-{tag}@customer.example");
        await LinkAsync(staff, declined.Id, new { status = "Declined", releaseId = release.Id });

        var first = await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id);
        var retry = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status = "released" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var statuses = await DbAsync(factory, db => db.FeatureRequests.Where(r => r.Id == direct.Id
            || r.Id == viaItem.Id || r.Id == declined.Id)
            .ToDictionaryAsync(r => r.Id, r => r.Status));
        Assert.Equal(FeatureRequestStatus.Released, statuses[direct.Id]);
        Assert.Equal(FeatureRequestStatus.Released, statuses[viaItem.Id]);
        Assert.Equal(FeatureRequestStatus.Declined, statuses[declined.Id]);
        Assert.Equal(2, await DbAsync(factory, db => db.RequestStatusChanges.CountAsync(c =>
            (c.RequestId == direct.Id || c.RequestId == viaItem.Id) && c.To == FeatureRequestStatus.Released)));
        var told = await ToldAsync(tag);
        Assert.Equal(3, told.Count);
        Assert.Equal(3, told.Distinct().Count());
        Assert.DoesNotContain(told, a => a.StartsWith("dee-", StringComparison.Ordinal));
        var manual = await staff.PostAsync($"/api/requests/{viaItem.Id}/notify-release", null);
        var again = (await manual.Content.ReadFromJsonAsync<NotificationResult>())!;
        Assert.Equal((0, 1), (again.Queued, again.AlreadyTold));
        var page = await browser.GetStringAsync($"/Releases/{release.Id}");
        Assert.Contains("Requestors told", page);
        Assert.Contains(Html(ContactOf(org, $"ana-{tag}@customer.example")), page);
        Assert.Contains(Html(ContactOf(org, $"cy-{tag}@customer.example")), page);
    }

    [Fact]
    public async Task MarkReleased_GuardBlocksOneRequest_OthersToldAndTheBlockedOnesListed()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var browser = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Staff));
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await CreateRoadmapItemAsync(factory, "Night-vision payload", "ZEPHYRLYNX");
        var blocked = await CreateRequestAsync(staff, "Support for the Zephyrlynx payload", org,
            $"held-{tag}@customer.example");
        await LinkAsync(staff, blocked.Id, new { status = "InDevelopment", releaseId = release.Id });
        var fine = await CreateRequestAsync(staff, "Bigger map labels", org, $"fine-{tag}@customer.example");
        await LinkAsync(staff, fine.Id, new { status = "InDevelopment", releaseId = release.Id });

        var response = await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = Assert.Single(await ToldAsync(tag));
        Assert.StartsWith("fine-", told);
        Assert.Equal(FeatureRequestStatus.Released, await DbAsync(factory, db =>
            db.FeatureRequests.Where(r => r.Id == blocked.Id).Select(r => r.Status).FirstAsync()));
        var page = await browser.GetStringAsync($"/Releases/{release.Id}");
        Assert.Contains("held back by the disclosure guard", page);
        Assert.Contains(Html(ContactOf(org, $"held-{tag}@customer.example")), page);
    }

    [Fact]
    public async Task MarkReleased_TellRequestorsOff_NobodyToldAndTheButtonStillWorks()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var browser = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Staff));
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var request = await CreateRequestAsync(staff, "Quieter fan profile", org, $"quiet-{tag}@customer.example");
        await LinkAsync(staff, request.Id, new { status = "InDevelopment", releaseId = release.Id });

        var response = await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id, tellRequestors: false);
        var toldBefore = await ToldAsync(tag);
        var page = await browser.GetStringAsync($"/Releases/{release.Id}");
        var manual = await staff.PostAsync($"/api/requests/{request.Id}/notify-release", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(toldBefore);
        Assert.Contains("not told", page);
        Assert.Equal(HttpStatusCode.OK, manual.StatusCode);
        Assert.Single(await ToldAsync(tag));
    }
}
