using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Disclosure;

public sealed class DisclosureCheckTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private async Task<(int ItemId, string Codename)> CreateItemAsync(int? releaseId = null)
    {
        var codename = "Quill" + Guid.NewGuid().ToString("N")[..5];
        var id = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            var item = new RoadmapItem
            {
                PageId = page.Id,
                Title = "Corridor mapping " + codename[5..],
                Codename = codename,
                Target = "2027-Q3",
                ReleaseId = releaseId,
                UpdatedAt = DateTimeOffset.UtcNow
            };
            db.RoadmapItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        return (id, codename);
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, string text, int? org = null)
    {
        var response = await client.PostAsJsonAsync("/api/disclosure/check",
            new { text, audienceOrganisationId = org });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Check_TextWithCodename_IsBlockedWithSpan()
    {
        var (_, codename) = await CreateItemAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var text = $"Dear partner, {codename} will change how you survey.";

        var result = await CheckAsync(staff, text);

        Assert.Equal("Leaks", result.GetProperty("status").GetString());
        var finding = result.GetProperty("findings")[0];
        Assert.Equal(text.IndexOf(codename, StringComparison.Ordinal), finding.GetProperty("start").GetInt32());
        Assert.Equal(codename, finding.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Check_CleanText_IsClear()
    {
        await CreateItemAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var result = await CheckAsync(staff, "Our support hours change on 2020-01-06. Version 1.0 is available.");

        Assert.Equal("Clear", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_ItemOfShippedRelease_NoLongerTriggers()
    {
        var releaseId = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var release = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = "7."
                + Guid.NewGuid().ToString("N")[..4],
                PlannedDate = new DateOnly(2026, 1, 5),
                Status = ReleaseStatus.Planned
            };
            db.Releases.Add(release);
            await db.SaveChangesAsync();
            return release.Id;
        });
        var (_, codename) = await CreateItemAsync(releaseId);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        Assert.Equal("Leaks", (await CheckAsync(staff, $"Meet {codename}.")).GetProperty("status").GetString());

        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Releases.SingleAsync(r => r.Id == releaseId)).Status = ReleaseStatus.Released;
            await db.SaveChangesAsync();
        });

        Assert.Equal("Clear", (await CheckAsync(staff, $"Meet {codename}.")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_ApprovedStatement_PassesOnlyForThatOrganisation()
    {
        var (itemId, codename) = await CreateItemAsync();
        var org = await factory.CreateOrganisationAsync();
        var otherOrg = await factory.CreateOrganisationAsync();
        var text = $"{codename}: Release of this new feature likely will happen within this year.";
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.ExternalStatements.Add(new ExternalStatement
            {
                RoadmapItemId = itemId,
                OrganisationId = org,
                Text = text,
                RequestedByUserId = "x",
                Status = StatementStatus.Approved,
                RequestedAt = DateTimeOffset.UtcNow
            });
            await db.SaveChangesAsync();
        });
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var forOrg = await CheckAsync(staff, text, org);
        var forOther = await CheckAsync(staff, text, otherOrg);

        Assert.Equal("Clear", forOrg.GetProperty("status").GetString());
        Assert.Equal("Leaks", forOther.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Override_ByLead_LetsThatFindingThroughAndIsAudited()
    {
        var (_, codename) = await CreateItemAsync();
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var text = $"Internal partner briefing about {codename}.";
        var finding = (await CheckAsync(lead, text)).GetProperty("findings")[0];

        var response = await lead.PostAsJsonAsync("/api/disclosure/overrides",
            new
            {
                text,
                start = finding.GetProperty("start").GetInt32(),
                length = finding.GetProperty("length").GetInt32(),
                reason = "Partner is under NDA for this item"
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Clear", (await CheckAsync(lead, text)).GetProperty("status").GetString());
        Assert.Equal("Leaks", (await CheckAsync(lead, text + " ")).GetProperty("status").GetString());
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "disclosure.override" && a.Details.Contains(codename)));
        Assert.True(audited);
    }

    [Fact]
    public async Task Override_ByStaff_IsForbidden()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync("/api/disclosure/overrides",
            new { text = "x", start = 0, length = 1, reason = "because" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Check_OversizeText_IsRefusedWithMessage()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync("/api/disclosure/check", new { text = new string('a', 1_000_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }
}
