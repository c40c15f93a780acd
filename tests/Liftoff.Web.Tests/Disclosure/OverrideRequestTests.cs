using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Home;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Disclosure;

/// <summary>Staff who may not override ask a lead; the lead decides from "Waiting for you".</summary>
public sealed class OverrideRequestTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<string> CreateCodenameAsync()
    {
        var codename = "Heron" + Guid.NewGuid().ToString("N")[..5];
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = "Warehouse sensors " + codename[5..],
                Codename = codename,
                Target = "2027-Q4",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        return codename;
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync("/api/disclosure/check", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<InboxItem>> InboxAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox", Json))!;

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string text, int start, int length,
        string? reason) =>
        client.PostAsJsonAsync("/api/disclosure/override-requests", new { text, start, length, reason });

    [Fact]
    public async Task Ask_WaitsForALead_AndAllowingLetsThatExactTextThrough()
    {
        var codename = await CreateCodenameAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var text = $"Partner briefing: {codename} is what we are piloting with you under NDA.";
        var finding = (await CheckAsync(staff, text)).GetProperty("findings")[0];
        var start = finding.GetProperty("start").GetInt32();

        var asked = await AskAsync(staff, text, start, codename.Length, "The partner signed an NDA for the pilot.");

        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var item = Assert.Single(await InboxAsync(lead), i => i.Link.EndsWith($"#request-{id}",
            StringComparison.Ordinal));
        Assert.Equal(InboxKinds.OverrideToDecide, item.Kind);
        Assert.Contains(codename, item.Title, StringComparison.Ordinal);
        Assert.Equal("Leaks", (await CheckAsync(staff, text)).GetProperty("status").GetString());

        var allowed = await lead.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/allow",
            new { comment = (string?)null });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("Allowed", (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status")
            .GetString());
        Assert.Equal("Clear", (await CheckAsync(staff, text)).GetProperty("status").GetString());
        Assert.Equal("Leaks", (await CheckAsync(staff, text + " Soon.")).GetProperty("status").GetString());
        Assert.DoesNotContain(await InboxAsync(lead), i => i.Link.EndsWith($"#request-{id}", StringComparison.Ordinal));
        var again = await lead.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/decline",
            new { comment = "No." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.CountAsync(a => a.Action.StartsWith("disclosure.override") && a.Details.Contains(codename)));
        Assert.Equal(3, audited);
    }

    [Fact]
    public async Task Decline_NeedsAComment_AndLeavesTheTextBlocked()
    {
        var codename = await CreateCodenameAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var text = $"Coming next: {codename}.";
        var asked = await AskAsync(staff, text, text.IndexOf(codename, StringComparison.Ordinal), codename.Length,
            "Customer asked.");
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var bare = await lead.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/decline", new { comment = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.True((await bare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("comment", out _));
        var declined = await lead.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/decline",
            new { comment = "Name the benefit, not the codename." });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("Leaks", (await CheckAsync(staff, text)).GetProperty("status").GetString());
        var mine = (await staff.GetFromJsonAsync<List<JsonElement>>("/api/disclosure/override-requests", Json))!;
        var view = Assert.Single(mine, r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal("Declined", view.GetProperty("status").GetString());
        Assert.Equal("Name the benefit, not the codename.", view.GetProperty("decisionComment").GetString());
    }

    [Fact]
    public async Task BadAsks_AreRefusedInWords_AndStoreNothing()
    {
        var codename = await CreateCodenameAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var text = $"About {codename}.";
        var start = text.IndexOf(codename, StringComparison.Ordinal);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .OverrideRequests.CountAsync());

        var noReason = await AskAsync(staff, text, start, codename.Length, "ok");
        var notFlagged = await AskAsync(staff, text, 0, 5, "This part is fine anyway.");
        var noText = await staff.PostAsJsonAsync("/api/disclosure/override-requests",
            new { start, length = 3, reason = "Because." });

        foreach (var (response, field) in new[] { (noReason, "reason"), (notFlagged, "start"), (noText, "text") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
            Assert.DoesNotContain("Start", messages[0].GetString()!, StringComparison.Ordinal);
        }
        Assert.Equal(before, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().OverrideRequests.CountAsync()));

        Assert.Equal(HttpStatusCode.Created, (await AskAsync(staff, text, start, codename.Length,
            "Asked by the partner.")).StatusCode);
        var twice = await AskAsync(staff, text, start, codename.Length, "Asked by the partner again.");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task NobodyDecidesTheirOwnRequest_AndStaffCannotDecide()
    {
        var codename = await CreateCodenameAsync();
        var leadUser = await factory.CreateUserAsync(Roles.Lead);
        var lead = await factory.TokenClientAsync(leadUser);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var text = $"Teaser: {codename}.";
        var asked = await AskAsync(lead, text, text.IndexOf(codename, StringComparison.Ordinal), codename.Length,
            "Board approved it.");
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.DoesNotContain(await InboxAsync(lead), i => i.Link.EndsWith($"#request-{id}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await lead.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/allow", new { comment = "" }))
                .StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await staff.PostAsJsonAsync($"/api/disclosure/override-requests/{id}/allow", new { comment = "" }))
                .StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/disclosure/override-requests/{id}"))
            .StatusCode);
        Assert.Equal("Leaks", (await CheckAsync(staff, text)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pages_StaffAsksFromTheCheckPage_LeadAllowsFromTheRequestsPage()
    {
        var codename = await CreateCodenameAsync();
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var text = $"Good news: {codename} arrives for your warehouses.";
        var start = text.IndexOf(codename, StringComparison.Ordinal);

        var checkedPage = await (await LiftoffFactory.PostFormAsync(staff, "/Disclosure", new() { ["Text"] = text }))
            .Content.ReadAsStringAsync();
        Assert.Contains("Ask a lead to let it through", checkedPage, StringComparison.Ordinal);
        var asked = await LiftoffFactory.PostFormAsync(staff,
            $"/Disclosure?handler=AskOverride&start={start}&length={codename.Length}",
            new() { ["Text"] = text, ["Reason"] = "The customer is in the pilot." }, "/Disclosure");
        var askedPage = await asked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("A lead has been asked", askedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Blocked:", askedPage, StringComparison.Ordinal);
        var id = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .OverrideRequests.Where(r => r.MatchedText == codename).Select(r => r.Id).SingleAsync());

        var list = await lead.GetStringAsync("/Disclosure/Requests");
        Assert.Contains("The customer is in the pilot.", list, StringComparison.Ordinal);
        Assert.Contains("Allow this passage", list, StringComparison.Ordinal);
        var allowed = await LiftoffFactory.PostFormAsync(lead, $"/Disclosure/Requests?handler=Allow&id={id}", [],
            "/Disclosure/Requests");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var after = await lead.GetStringAsync("/Disclosure/Requests");
        Assert.Contains("Allowed:", after, StringComparison.Ordinal);

        var rechecked = await (await LiftoffFactory.PostFormAsync(staff, "/Disclosure", new() { ["Text"] = text }))
            .Content.ReadAsStringAsync();
        Assert.Contains("Clear:", rechecked, StringComparison.Ordinal);
    }
}
