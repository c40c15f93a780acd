using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Roadmap;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Roadmap;

public sealed class StatementTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Setup(TestUser Staff, TestUser Lead, TestUser OtherLead, int ItemId, int OrganisationId,
        int PhrasingId, string ItemTitle);

    private async Task<Setup> ArrangeAsync()
    {
        var staff = await factory.CreateUserAsync(Roles.Staff);
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var otherLead = await factory.CreateUserAsync(Roles.Lead);
        var orgId = await factory.CreateOrganisationAsync();
        return await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            var team = new Team
            {
                Key = "t-" + Guid.NewGuid().ToString("N")[..8],
                Name = "Team "
                + Guid.NewGuid().ToString("N")[..8],
                LeadUserId = lead.Id
            };
            team.Members.Add(new TeamMember { UserId = staff.Id, AddedAt = now });
            team.Members.Add(new TeamMember { UserId = lead.Id, AddedAt = now });
            db.Teams.Add(team);
            var other = new Team
            {
                Key = "o-" + Guid.NewGuid().ToString("N")[..8],
                Name = "Other "
                + Guid.NewGuid().ToString("N")[..8],
                LeadUserId = otherLead.Id
            };
            db.Teams.Add(other);
            var page = await db.RoadmapPages.FirstAsync();
            var item = new RoadmapItem
            {
                PageId = page.Id,
                Title = "Terrain follow "
                + Guid.NewGuid().ToString("N")[..4],
                Codename = "Kestrel",
                UpdatedAt = now
            };
            db.RoadmapItems.Add(item);
            await db.SaveChangesAsync();
            var phrasing = await db.ApprovedPhrasings.OrderBy(p => p.Id).FirstAsync();
            return new Setup(staff, lead, otherLead, item.Id, orgId, phrasing.Id, item.Title);
        });
    }

    [Fact]
    public async Task Request_ThenTeamLeadApproves_IsRecordedAsApproved()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);
        var lead = await factory.TokenClientAsync(s.Lead);

        var requested = await staff.PostAsJsonAsync("/api/statements",
            new
            {
                roadmapItemId = s.ItemId,
                organisationId = s.OrganisationId,
                phrasingId = s.PhrasingId,
                context = "Asked at the trade fair"
            });
        var statement = await requested.Content.ReadFromJsonAsync<StatementView>();
        var approved = await lead.PostAsJsonAsync($"/api/statements/{statement!.Id}/approve", new { comment = "Fine" });

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var view = await approved.Content.ReadFromJsonAsync<StatementView>();
        Assert.Equal(StatementStatus.Approved, view!.Status);
        Assert.Equal($"{s.ItemTitle}: {RoadmapDefaults.SeedPhrasings[0]}", view.Text);
        var texts = await factory.WithScopeAsync(sp => sp.GetRequiredService<StatementService>().ApprovedTextsAsync());
        Assert.Contains((s.OrganisationId, $"{s.ItemTitle}: {RoadmapDefaults.SeedPhrasings[0]}"), texts);
    }

    [Fact]
    public async Task ApprovedStatement_NamingTheItem_PassesForThatOrganisationOnlyAndOnlyAfterApproval()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);
        var lead = await factory.TokenClientAsync(s.Lead);
        var otherOrg = await factory.CreateOrganisationAsync();
        var statement = await (await staff.PostAsJsonAsync("/api/statements", new
        {
            roadmapItemId = s.ItemId,
            organisationId = s.OrganisationId,
            phrasingId = s.PhrasingId,
            publicName = "Kestrel terrain mode",
        })).Content.ReadFromJsonAsync<StatementView>();
        var text = $"Dear partner, {statement!.Text} Kind regards";

        var before = await CheckAsync(staff, text, s.OrganisationId);
        await lead.PostAsJsonAsync($"/api/statements/{statement.Id}/approve", new { comment = "Fine" });
        var after = await CheckAsync(staff, text, s.OrganisationId);
        var otherOrganisation = await CheckAsync(staff, text, otherOrg);
        var barePhrasing = await CheckAsync(staff, RoadmapDefaults.SeedPhrasings[1], otherOrg);

        Assert.Equal($"Kestrel terrain mode: {RoadmapDefaults.SeedPhrasings[0]}", statement.Text);
        Assert.Contains("Kestrel", before);
        Assert.Equal("", after);
        Assert.Contains("Kestrel", otherOrganisation);
        Assert.Equal("", barePhrasing);
    }

    /// <summary>The passages the guard finds, joined; empty when the text may go out.</summary>
    private static async Task<string> CheckAsync(HttpClient client, string text, int organisationId)
    {
        var response = await client.PostAsJsonAsync("/api/disclosure/check",
            new { text, audienceOrganisationId = organisationId });
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return string.Join("|", json.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Approve_ByLeadOfAnotherTeam_IsRefused()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);
        var other = await factory.TokenClientAsync(s.OtherLead);
        var statement = await (await staff.PostAsJsonAsync("/api/statements",
            new { roadmapItemId = s.ItemId, organisationId = s.OrganisationId, phrasingId = s.PhrasingId }))
                .Content.ReadFromJsonAsync<StatementView>();

        var response = await other.PostAsJsonAsync($"/api/statements/{statement!.Id}/approve", new { comment = "ok" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Approve_ByStaff_IsForbidden()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);
        var statement = await (await staff.PostAsJsonAsync("/api/statements",
            new { roadmapItemId = s.ItemId, organisationId = s.OrganisationId, phrasingId = s.PhrasingId }))
                .Content.ReadFromJsonAsync<StatementView>();

        var response = await staff.PostAsJsonAsync($"/api/statements/{statement!.Id}/approve",
            new { comment = "self" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reject_WithoutComment_IsRefusedAndStaysPending()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);
        var lead = await factory.TokenClientAsync(s.Lead);
        var statement = await (await staff.PostAsJsonAsync("/api/statements",
            new { roadmapItemId = s.ItemId, organisationId = s.OrganisationId, phrasingId = s.PhrasingId }))
                .Content.ReadFromJsonAsync<StatementView>();

        var response = await lead.PostAsJsonAsync($"/api/statements/{statement!.Id}/reject", new { comment = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = await staff.GetFromJsonAsync<List<StatementView>>(
            $"/api/statements?organisationId={s.OrganisationId}");
        Assert.Equal(StatementStatus.Pending, list!.Single(x => x.Id == statement.Id).Status);
    }

    [Fact]
    public async Task Request_WithoutPhrasing_Returns400()
    {
        var s = await ArrangeAsync();
        var staff = await factory.TokenClientAsync(s.Staff);

        var response = await staff.PostAsJsonAsync("/api/statements",
            new { roadmapItemId = s.ItemId, organisationId = s.OrganisationId, phrasingId = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Page_RoadmapItemIsPickedByName_AndTextThatIsNoChoiceIsRefusedInWords()
    {
        var s = await ArrangeAsync();
        var staff = await factory.SignInAsync(s.Staff);
        var form = await staff.GetStringAsync("/Roadmap/Statements");
        Assert.Contains($"#{s.ItemId} {s.ItemTitle} (Kestrel)", form, StringComparison.Ordinal);

        var typed = await LiftoffFactory.PostFormAsync(staff, "/Roadmap/Statements?handler=Request", new()
        {
            ["ItemId"] = "terrain thing",
            ["OrganisationId"] = s.OrganisationId.ToString(CultureInfo.InvariantCulture),
            ["PhrasingId"] = s.PhrasingId.ToString(CultureInfo.InvariantCulture),
        }, "/Roadmap/Statements");
        var refused = WebUtility.HtmlDecode(await typed.Content.ReadAsStringAsync());
        var picked = await LiftoffFactory.PostFormAsync(staff, "/Roadmap/Statements?handler=Request", new()
        {
            ["ItemId"] = $"#{s.ItemId} {s.ItemTitle} (Kestrel)",
            ["OrganisationId"] = s.OrganisationId.ToString(CultureInfo.InvariantCulture),
            ["PhrasingId"] = s.PhrasingId.ToString(CultureInfo.InvariantCulture),
        }, "/Roadmap/Statements");

        Assert.Contains("Choose the roadmap item from the list", refused, StringComparison.Ordinal);
        Assert.True(picked.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .ExternalStatements.CountAsync(x => x.RoadmapItemId == s.ItemId && x.OrganisationId == s.OrganisationId));
        Assert.Equal(1, stored);
    }
}
