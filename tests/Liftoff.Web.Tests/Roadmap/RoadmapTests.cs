using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Roadmap;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Roadmap;

public sealed class RoadmapTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static object Item(string title, string? target = "2027-Q2", int? releaseId = null) =>
        new
        {
            title,
            codename = "Falcon-" + Guid.NewGuid().ToString("N")[..6],
            aliases = "F2; the falcon",
            target,
            status = "InDevelopment",
            releaseId
        };

    [Fact]
    public async Task Pages_NewWorkspace_HasHardwareAndNextSoftwareRelease()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var pages = await staff.GetFromJsonAsync<JsonElement>("/api/roadmap/pages");

        var titles = pages.EnumerateArray().Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Hardware roadmap", "Next software release"], titles);
    }

    [Fact]
    public async Task ViewPage_AsStaff_IsAudited()
    {
        var staff = await factory.CreateUserAsync(Roles.Staff);
        var client = await factory.SignInAsync(staff);

        var html = await client.GetStringAsync("/Roadmap/View/hardware");

        Assert.Contains("INTERNAL", html);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "roadmap.viewed" && a.ActorUserId == staff.Id
                && a.TargetId == "hardware"));
        Assert.True(audited);
    }

    [Fact]
    public async Task CreateItem_InvalidTarget_Returns400NamingTargetAndStoresNothing()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var before = await CountItemsAsync();

        var response = await staff.PostAsJsonAsync("/api/roadmap/pages/hardware/items",
            Item("Bad target", "next spring"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("target", out _));
        Assert.Equal(before, await CountItemsAsync());
    }

    [Theory]
    [InlineData("2027-05-14")]
    [InlineData("2027-05")]
    [InlineData("2027-q2")]
    [InlineData("2027")]
    public void Target_ValidForms_AreAcceptedAndNormalised(string target)
    {
        Assert.True(RoadmapTarget.TryNormalise(target, out var normalised));
        Assert.Equal(target.ToUpperInvariant(), normalised);
    }

    [Fact]
    public async Task ExportCsv_IsMarkedInternalAndAudited()
    {
        var staff = await factory.CreateUserAsync(Roles.Staff);
        var tokenClient = await factory.TokenClientAsync(staff);
        await tokenClient.PostAsJsonAsync("/api/roadmap/pages/hardware/items", Item("Export me"));
        var client = await factory.SignInAsync(staff);

        var response = await client.GetAsync("/Roadmap/Export/hardware?handler=Csv");

        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\"INTERNAL", csv.TrimStart('\uFEFF'));
        Assert.Contains("Export me", csv);
        Assert.Contains("INTERNAL", response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "roadmap.exported" && a.ActorUserId == staff.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task Item_BecomesPublic_OnlyWhenItsReleaseShips()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var releaseId = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var release = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = "9."
                + Guid.NewGuid().ToString("N")[..4],
                PlannedDate = new DateOnly(2027, 3, 1),
                Status = ReleaseStatus.Planned
            };
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            return release.Id;
        });
        var created = await (await staff.PostAsJsonAsync("/api/roadmap/pages/next-software-release/items",
            Item("Linked", releaseId: releaseId))).Content.ReadFromJsonAsync<RoadmapItemView>();
        Assert.False(created!.IsPublic);

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Releases.SingleAsync(r => r.Id == releaseId)).Status = ReleaseStatus.Released;
            await db.SaveChangesAsync();
        });

        var after = await staff.GetFromJsonAsync<RoadmapItemView>($"/api/roadmap/items/{created.Id}");
        Assert.True(after!.IsPublic);
    }

    [Fact]
    public async Task UpdateItem_StaleRowVersion_IsConflictAndKeepsFirstEdit()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var item = await (await staff.PostAsJsonAsync("/api/roadmap/pages/hardware/items", Item("Concurrent")))
            .Content.ReadFromJsonAsync<RoadmapItemView>();

        var first = await staff.PutAsJsonAsync($"/api/roadmap/items/{item!.Id}",
            new { title = "First", target = "2027", rowVersion = item.RowVersion });
        var second = await staff.PutAsJsonAsync($"/api/roadmap/items/{item.Id}",
            new { title = "Second", target = "2027", rowVersion = item.RowVersion });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("First", (await staff.GetFromJsonAsync<RoadmapItemView>($"/api/roadmap/items/{item.Id}"))!.Title);
    }

    private Task<int> CountItemsAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().RoadmapItems.CountAsync());
}
