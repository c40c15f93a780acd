using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.Rollout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.Disclosure;

/// <summary>Approved customer-facing release notes are the disclosure boundary for their audiences.</summary>
public sealed class ReleaseAnnouncementTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Setup(int ReleaseId, string Version, string Date, string NotesUrl, int AnnouncedItem,
        int SilentItem,
        HttpClient Staff, HttpClient Api, HttpClient DeliveryLead, HttpClient SuccessLead);

    /// <summary>
    /// A release with two linked roadmap items (one the notes will name, one they will not) and an
    /// unrelated unreleased item; the notes name the first item, the version and the date.
    /// </summary>
    private async Task<Setup> ArrangeAsync(string feature, string silent, string unrelated)
    {
        var api = await factory.TokenClientAsync(Roles.Staff);
        var version = $"9.{Random.Shared.Next(100, 999)}";
        var release = await RolloutTestHelpers.CreateReleaseAsync(api, daysAhead: 40, version: version);
        var (announced, quiet) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            var now = DateTimeOffset.UtcNow;
            var a = new RoadmapItem
            {
                PageId = page.Id,
                Title = feature,
                ReleaseId = release.Id,
                Versions = version,
                Target = "2031-Q1",
                UpdatedAt = now
            };
            var b = new RoadmapItem { PageId = page.Id, Title = silent, ReleaseId = release.Id, UpdatedAt = now };
            db.RoadmapItems.AddRange(a, b, new RoadmapItem
            {
                PageId = page.Id,
                Title = unrelated,
                Target = "2031-Q2",
                UpdatedAt = now
            });
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var delivery = await factory.CreateUserAsync(Roles.Lead);
        var success = await factory.CreateUserAsync(Roles.Lead);
        await SetLeadsAsync(factory, delivery.Id, success.Id);
        var date = release.PlannedDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return new Setup(release.Id, version, date, $"/Releases/{release.Id}/Notes", announced, quiet,
            await factory.SignedInClientAsync(Roles.Staff), api, await factory.SignInAsync(delivery),
                await factory.SignInAsync(success));
    }

    private static async Task<string> SaveNotesAsync(Setup s, string notes, string audience = "Both")
    {
        var page = await s.Staff.GetStringAsync(s.NotesUrl);
        return await PostAsync(s.Staff, $"{s.NotesUrl}?handler=SaveCustomer", new()
        {
            ["CustomerMarkdown"] = notes,
            ["CustomerImpactMarkdown"] = "Nothing to change on your side.",
            ["Audience"] = audience,
            ["RowVersion"] = Field(page, "RowVersion"),
        }, s.NotesUrl);
    }

    private static async Task<string> ApproveAsync(HttpClient lead, string url) =>
        await PostAsync(lead, $"{url}?handler=Approve", new()
        {
            ["TextHash"] = Field(await lead.GetStringAsync(url),
            "TextHash")
        }, url);

    private static async Task<List<string>> FindingsAsync(HttpClient api, string text, object? audience = null)
    {
        var body = audience switch
        {
            int org => (object)new { text, audienceOrganisationId = org },
            string wide => new { text, audience = wide },
            _ => new { text },
        };
        var response = await api.PostAsJsonAsync("/api/disclosure/check", body);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("text").GetString()!).ToList();
    }

    [Fact]
    public async Task SecondApproval_AnnouncesTheNamedFeature_KbArticlePublishesWhileOtherItemsStillBlock()
    {
        var s = await ArrangeAsync("Quantum Dock Pro", "Spectral Tide Mapper", "Nimbus Relay Grid");
        var notes =
            $"- Quantum Dock Pro charges your drone in the field.\n- Available with version {s.Version} on {s.Date}.";
        await SaveNotesAsync(s, notes);
        var article = await CreateArticleAsync(s.Staff, "Quantum Dock Pro",
            $"Quantum Dock Pro arrives with version {s.Version} on {s.Date}.", "Public", s.ReleaseId);

        var beforeApproval = await PublishAsync(s.Staff, article);
        var notesCheck = await PostAsync(s.Staff, $"{s.NotesUrl}?handler=Check", [], s.NotesUrl);
        await ApproveAsync(s.DeliveryLead, s.NotesUrl);
        var approved = await ApproveAsync(s.SuccessLead, s.NotesUrl);
        var afterApproval = await PublishAsync(s.Staff, article);
        var mixed = await CreateArticleAsync(s.Staff, "Two features",
            "Quantum Dock Pro pairs well with the Nimbus Relay Grid.", "Public");
        var mixedPublish = await PublishAsync(s.Staff, mixed);
        var itemPage = await s.Staff.GetStringAsync($"/Roadmap/Item/{s.AnnouncedItem}");
        var quietItem = await FindingsAsync(s.Api, "Spectral Tide Mapper is coming too.");

        Assert.Contains("Blocked: the disclosure check found passages", beforeApproval);
        Assert.Contains("The disclosure check found nothing", notesCheck);
        Assert.Contains("announced to resellers and customers", approved);
        Assert.Contains("Published as version 1.", afterApproval);
        Assert.Contains("Blocked: the disclosure check found passages", mixedPublish);
        Assert.Contains(">Nimbus Relay Grid</mark>", mixedPublish);
        Assert.DoesNotContain(">Quantum Dock Pro</mark>", mixedPublish);
        Assert.Matches(@"Announced on \d{4}-\d{2}-\d{2} to resellers and customers with release",
            System.Net.WebUtility.HtmlDecode(itemPage));
        Assert.Equal(["Spectral Tide Mapper"], quietItem);
    }

    [Fact]
    public async Task NotesForResellersOnly_AnnounceToResellersButNotToCustomersOrThePublic()
    {
        var s = await ArrangeAsync("Harbor Lens Array", "Copper Finch Sync", "Velvet Arc Beacon");
        await SaveNotesAsync(s, "- Harbor Lens Array sharpens every survey.", "Resellers");
        await ApproveAsync(s.DeliveryLead, s.NotesUrl);
        await ApproveAsync(s.SuccessLead, s.NotesUrl);
        var reseller = await factory.CreateOrganisationAsync(kind: OrganisationKind.Reseller);
        var customer = await factory.CreateOrganisationAsync(kind: OrganisationKind.Customer);
        const string text = "Harbor Lens Array sharpens every survey.";

        Assert.Empty(await FindingsAsync(s.Api, text, "resellers"));
        Assert.Empty(await FindingsAsync(s.Api, text, reseller));
        Assert.Equal(["Harbor Lens Array"], await FindingsAsync(s.Api, text, "customers"));
        Assert.Equal(["Harbor Lens Array"], await FindingsAsync(s.Api, text, customer));
        Assert.Equal(["Harbor Lens Array"], await FindingsAsync(s.Api, text));
    }

    [Fact]
    public async Task EditingApprovedNotes_ClearsTheAnnouncement()
    {
        var s = await ArrangeAsync("Granite Owl Planner", "Silver Moth Export", "Amber Kite Relay");
        await SaveNotesAsync(s, "- Granite Owl Planner plans your flights.");
        await ApproveAsync(s.DeliveryLead, s.NotesUrl);
        await ApproveAsync(s.SuccessLead, s.NotesUrl);
        var announced = await FindingsAsync(s.Api, "Granite Owl Planner plans your flights.");

        var edited = await SaveNotesAsync(s, "- Granite Owl Planner plans all your flights.");
        var afterEdit = await FindingsAsync(s.Api, "Granite Owl Planner plans your flights.");
        var itemPage = await s.Staff.GetStringAsync($"/Roadmap/Item/{s.AnnouncedItem}");

        Assert.Empty(announced);
        Assert.Contains("Delivery lead: not approved", edited);
        Assert.Equal(["Granite Owl Planner"], afterEdit);
        Assert.DoesNotContain("Announced on", itemPage);
    }

    [Fact]
    public async Task CheckApi_UnknownAudience_IsRefusedWithTheChoices()
    {
        var api = await factory.TokenClientAsync(Roles.Staff);

        var response = await api.PostAsJsonAsync("/api/disclosure/check",
            new { text = "Hello", audience = "partners" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("public, resellers or customers", await response.Content.ReadAsStringAsync());
    }
}
