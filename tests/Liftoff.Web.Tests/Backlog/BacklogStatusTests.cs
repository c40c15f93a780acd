using System.Net;
using System.Net.Http.Json;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.Rollout;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Backlog.BacklogTestData;

namespace Liftoff.Web.Tests.Backlog;

public sealed class BacklogStatusTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private LiftoffFactory _factory = null!;

    private sealed class SmtpFactory(int port) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
        }
    }

    public Task InitializeAsync()
    {
        _factory = new SmtpFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> StatusAsync(HttpClient staff, long id, object body) =>
        await staff.PostAsJsonAsync($"/api/requests/{id}/status", body);

    [Fact]
    public async Task SetStatus_PlannedWithoutRoadmapItem_IsRefusedAndWithOneIsLinked()
    {
        var org = await _factory.CreateOrganisationAsync();
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var request = await CreateRequestAsync(staff, "Planned needs an item", org, "a@customer.example");
        var item = await CreateRoadmapItemAsync(_factory, "Terrain following v2");

        var refused = await StatusAsync(staff, request.Id, new { status = "Planned" });
        var planned = await StatusAsync(staff, request.Id, new { status = "Planned", roadmapItemId = item });
        var unlink = await staff.PutAsJsonAsync($"/api/requests/{request.Id}/roadmap-item",
            new { roadmapItemId = (int?)null });
        var merged = await StatusAsync(staff, request.Id, new { status = "Merged" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("must be linked to the internal roadmap item", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unlink.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, merged.StatusCode);
        var linked = await staff.GetFromJsonAsync<List<LinkedRequest>>($"/api/requests/by-roadmap-item/{item}");
        Assert.Equal(request.Id, Assert.Single(linked!).Id);
        var history = await DbAsync(_factory, db => db.RequestStatusChanges.Where(c => c.RequestId == request.Id)
            .ToListAsync());
        Assert.Equal(FeatureRequestStatus.Planned, Assert.Single(history).To);
    }

    [Fact]
    public async Task RequestsByRoadmapItem_UnknownItem_IsNotFound()
    {
        var staff = await _factory.TokenClientAsync(Roles.Staff);

        var response = await staff.GetAsync("/api/requests/by-roadmap-item/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RoadmapItemPage_LinkingARequest_ShowsItThereAndOnTheRequest()
    {
        var org = await _factory.CreateOrganisationAsync();
        var user = await _factory.CreateUserAsync(Roles.Staff);
        var staff = await _factory.TokenClientAsync(user);
        var browser = await _factory.SignInAsync(user);
        var request = await CreateRequestAsync(staff, "Linked from the roadmap side", org, "a@customer.example");
        var item = await CreateRoadmapItemAsync(_factory, "Linked item title");

        var response = await LiftoffFactory.PostFormAsync(browser, "/Backlog/RoadmapLinks?handler=Link",
            new() { ["ItemId"] = item.ToString(), ["RequestId"] = request.Id.ToString() }, $"/Roadmap/Item/{item}");
        var unknown = await LiftoffFactory.PostFormAsync(browser, "/Backlog/RoadmapLinks?handler=Link",
            new() { ["ItemId"] = item.ToString(), ["RequestId"] = "987654" }, $"/Roadmap/Item/{item}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"#{request.Id} Linked from the roadmap side",
            await browser.GetStringAsync($"/Roadmap/Item/{item}"));
        Assert.Contains("Linked item title", await browser.GetStringAsync($"/Backlog/{request.Id}"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("There is no request #987654", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SetStatus_ReleasedBeforeTheReleaseIsOut_IsRefusedThenAllowed()
    {
        var org = await _factory.CreateOrganisationAsync();
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var request = await CreateRequestAsync(staff, "Released needs the release out", org, "a@customer.example");

        var noRelease = await StatusAsync(staff, request.Id, new { status = "Released" });
        var early = await StatusAsync(staff, request.Id, new { status = "Released", releaseId = release.Id });
        Assert.Equal(HttpStatusCode.OK, (await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id)).StatusCode);
        var onTime = await StatusAsync(staff, request.Id, new { status = "Released", releaseId = release.Id });

        Assert.Equal(HttpStatusCode.BadRequest, noRelease.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("not released yet", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
        Assert.Equal(FeatureRequestStatus.Released,
            (await staff.GetFromJsonAsync<RequestView>($"/api/requests/{request.Id}"))!.Status);
    }

    [Fact]
    public async Task NotifyRequestors_BeforeRelease_IsRefusedAndAfterItEachRequestorGetsOneEmail()
    {
        // Released without telling, so the button does the telling here.
        var org = await _factory.CreateOrganisationAsync();
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var item = await CreateRoadmapItemAsync(_factory, "Waypoint import", releaseId: release.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var request = await CreateRequestAsync(staff, "Import waypoints from KML", org, $"ana-{tag}@customer.example",
            name: "Ana");
        await AddRequestorAsync(staff, request.Id, org, $"ben-{tag}@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(staff, request.Id,
            new { status = "InDevelopment", roadmapItemId = item })).StatusCode);

        var early = await staff.PostAsync($"/api/requests/{request.Id}/notify-release", null);
        var queuedEarly = await DbAsync(_factory, db =>
            db.Outbox.CountAsync(m => m.Kind == "request-released" && m.ToAddress.Contains(tag)));
        var released = await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id, tellRequestors: false);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var first = await staff.PostAsync($"/api/requests/{request.Id}/notify-release", null);
        var second = await staff.PostAsync($"/api/requests/{request.Id}/notify-release", null);
        await _factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("not released yet", await early.Content.ReadAsStringAsync());
        Assert.Equal(0, queuedEarly);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<NotificationResult>())!.Queued);
        var again = (await second.Content.ReadFromJsonAsync<NotificationResult>())!;
        Assert.Equal((0, 2), (again.Queued, again.AlreadyTold));
        var ana = await _smtp.WaitForMessageAsync(m =>
            m.To.Mailboxes.Any(a => a.Address == ContactOf(org, $"ana-{tag}@customer.example")));
        await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a =>
            a.Address == ContactOf(org, $"ben-{tag}@customer.example")));
        Assert.Contains("Import waypoints from KML", ana.Subject);
        Assert.Contains("Hello Ana", ana.TextBody);
        var rows = await DbAsync(_factory, db => db.Outbox.Where(m => m.Kind == "request-released"
            && m.ToAddress.Contains(tag)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Distinct().Count());
    }

    [Fact]
    public async Task NotifyRequestors_TitleNamingAnUnreleasedItem_IsStoppedByTheDisclosureGuard()
    {
        var org = await _factory.CreateOrganisationAsync();
        var staff = await _factory.TokenClientAsync(Roles.Staff);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        await CreateRoadmapItemAsync(_factory, "Thermal inspection payload", "QUASARFOX");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var request = await CreateRequestAsync(staff, "Support for the Quasarfox payload", org,
            $"guard-{tag}@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await RolloutTestHelpers.MarkReleasedAsync(staff, release.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(staff, request.Id,
            new { status = "Released", releaseId = release.Id })).StatusCode);

        var response = await staff.PostAsync($"/api/requests/{request.Id}/notify-release", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("disclosure guard", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await DbAsync(_factory, db => db.Outbox.CountAsync(m => m.ToAddress.Contains(tag))));
    }

    [Fact]
    public async Task DetailPage_NotifyBeforeRelease_ShowsTheReasonInPlace()
    {
        var org = await _factory.CreateOrganisationAsync();
        var user = await _factory.CreateUserAsync(Roles.Staff);
        var staff = await _factory.TokenClientAsync(user);
        var browser = await _factory.SignInAsync(user);
        var release = await RolloutTestHelpers.CreateReleaseAsync(staff);
        var request = await CreateRequestAsync(staff, "Page notify too early", org, "early@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await StatusAsync(staff, request.Id,
            new { status = "InDevelopment", releaseId = release.Id })).StatusCode);

        var response = await LiftoffFactory.PostFormAsync(browser, $"/Backlog/{request.Id}?handler=Notify", [],
            $"/Backlog/{request.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not released yet", await response.Content.ReadAsStringAsync());
        var address = ContactOf(org, "early@customer.example");
        Assert.Equal(0, await DbAsync(_factory, db => db.Outbox.CountAsync(m => m.ToAddress == address)));
    }
}
