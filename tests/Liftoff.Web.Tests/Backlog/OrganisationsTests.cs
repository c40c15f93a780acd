using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.ProductAreas;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Organisations;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

public sealed class OrganisationsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static readonly JsonSerializerOptions Json =
        new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static string U() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Create_DuplicateNameInAnyCase_IsRefusedWithMessage()
    {
        var u = U();
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var created = await staff.PostAsJsonAsync("/api/organisations",
            new { name = $"Alpine {u}", kind = "Reseller", segment = "Surveying", tier = "Gold", country = "CH" });
        var again = await staff.PostAsJsonAsync("/api/organisations",
            new { name = $"ALPINE {u.ToUpperInvariant()}", kind = "Customer" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var org = await created.Content.ReadFromJsonAsync<OrganisationView>(Json);
        Assert.Equal(("Surveying", "Gold", "CH"), (org!.Segment, org.Tier, org.Country));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already exists", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_FollowTheOrganisationKindIntoTheirAudience()
    {
        var u = U();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var org = await (await staff.PostAsJsonAsync("/api/organisations",
            new { name = $"Kind {u}", kind = "Reseller" })).Content.ReadFromJsonAsync<OrganisationView>(Json);

        var added = await staff.PostAsJsonAsync($"/api/organisations/{org!.Id}/contacts",
            new { email = $"Eve-{u}@kind.example", name = "Eve" });
        var invalid = await staff.PostAsJsonAsync($"/api/organisations/{org.Id}/contacts",
            new { email = "not an address" });
        var before = await AudienceAsync($"eve-{u}@kind.example");
        var changed = await staff.PutAsJsonAsync($"/api/organisations/{org.Id}",
            new { name = $"Kind {u}", kind = "Customer" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(Audience.Resellers, before);
        Assert.Equal(Audience.Customers, await AudienceAsync($"eve-{u}@kind.example"));
        Assert.Contains(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().AuditEntries.Where(a => a.TargetType == "Organisation")
            .Select(a => a.Action).ToListAsync()), a => a == "organisation.updated");
    }

    [Fact]
    public async Task Delete_OrganisationWithVotes_IsRefusedAndKeepsEverything()
    {
        var u = U();
        var org = await factory.CreateOrganisationAsync($"Voter {u}");
        var empty = await factory.CreateOrganisationAsync($"Empty {u}");
        var staff = await factory.TokenClientAsync(Roles.Staff);
        await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title = $"Keep me {u}",
                requestor = new
                {
                    organisationId = org,
                    contactEmail = $"v-{u}@voter.example"
                }
            });

        var refused = await staff.DeleteAsync($"/api/organisations/{org}");
        var deleted = await staff.DeleteAsync($"/api/organisations/{empty}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cannot be deleted", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(1, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().RequestVotes.CountAsync(v => v.OrganisationId == org)));
    }

    [Fact]
    public async Task Areas_CreateAndRename_KeepNamesUniqueAndNeedALead()
    {
        var u = U();
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var created = await lead.PostAsJsonAsync("/api/areas", new { name = $"  Wizard   {u} " });
        var other = await (await lead.PostAsJsonAsync("/api/areas",
            new { name = $"Mobile {u}" })).Content.ReadFromJsonAsync<AreaView>();
        var clash = await lead.PutAsJsonAsync($"/api/areas/{other!.Id}", new { name = $"wizard {u}" });
        var renamed = await lead.PutAsJsonAsync($"/api/areas/{other.Id}", new { name = $"Field app {u}" });
        var byStaff = await staff.PostAsJsonAsync("/api/areas", new { name = $"Staff {u}" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"Wizard {u}", (await created.Content.ReadFromJsonAsync<AreaView>())!.Name);
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Equal($"Field app {u}", (await renamed.Content.ReadFromJsonAsync<AreaView>())!.Name);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
    }

    [Fact]
    public async Task AddRequestor_ContactOfAnotherOrganisation_IsRefusedWithClearMessage()
    {
        var u = U();
        var mine = await factory.CreateOrganisationAsync($"Mine {u}");
        var theirs = await factory.CreateOrganisationAsync($"Theirs {u}");
        var staff = await factory.TokenClientAsync(Roles.Staff);
        await staff.PostAsJsonAsync($"/api/organisations/{theirs}/contacts",
            new { email = $"zoe-{u}@theirs.example", name = "Zoe" });
        var request = await (await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title = $"Geofence alerts {u}",
                requestor = new { organisationId = mine, contactEmail = $"max-{u}@mine.example" }
            }))
            .Content.ReadFromJsonAsync<RequestView>();

        var refused = await staff.PostAsJsonAsync($"/api/requests/{request!.Id}/requestors",
            new { organisationId = mine, contactEmail = $"ZOE-{u}@theirs.example" });
        var createRefused = await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title = $"Another {u}",
                requestor = new
                {
                    organisationId = mine,
                    contactEmail = $"zoe-{u}@theirs.example"
                }
            });
        var allowed = await staff.PostAsJsonAsync($"/api/requests/{request.Id}/requestors",
            new { organisationId = theirs, contactEmail = $"zoe-{u}@theirs.example" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("contactEmail")[0].GetString();
        Assert.Contains($"is a contact of Theirs {u}, not of Mine {u}", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, createRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(2, (await allowed.Content.ReadFromJsonAsync<RequestView>())!.Votes);
        // The first requestor's new address became a contact of their organisation.
        Assert.Equal(mine, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.NormalizedEmail == $"max-{u}@mine.example")
            .Select(c => c.OrganisationId).FirstAsync()));
    }

    [Fact]
    public async Task IntakePage_PickedContact_VotesOnceAndSaysSoTheSecondTime()
    {
        var u = U();
        var org = await factory.CreateOrganisationAsync($"Picker {u}");
        var contact = await factory.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<OrganisationAdministration>()
            .AddContactAsync(org, new($"pia-{u}@picker.example", "Pia"))).Value!);
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var fields = () => new Dictionary<string, string>
        {
            ["OrganisationId"] = $"{org}",
            ["ContactId"] = $"{contact.Id}",
            ["Title"] = $"Photo geotag fix {u}"
        };

        var created = await LiftoffFactory.PostFormAsync(client, "/Backlog?handler=Create", fields(), "/Backlog");
        var id = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r => r.Title == $"Photo geotag fix {u}")
            .Select(r => r.Id).FirstAsync());
        var again = await LiftoffFactory.PostFormAsync(client, $"/Backlog?handler=Upvote&id={id}", fields(),
            "/Backlog");
        var suggestions = await LiftoffFactory.PostFormAsync(client, "/Backlog?handler=Similar", fields(), "/Backlog");
        var options = await client.GetStringAsync($"/Organisations/ContactOptions?organisationId={org}");

        Assert.Contains("recorded with its first requestor", await created.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Contains("already counts on this request",
            WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("already counts for this contact", await suggestions.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Contains($"pia-{u}@picker.example", WebUtility.HtmlDecode(options), StringComparison.Ordinal);
        var vote = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().RequestVotes.SingleAsync(v => v.RequestId == id));
        Assert.Equal(($"pia-{u}@picker.example", "Pia"), (vote.ContactEmail, vote.ContactName));
    }

    [Fact]
    public async Task Pages_OrganisationsAndAreas_RenderAndEdit()
    {
        var u = U();
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var lead = await factory.SignedInClientAsync(Roles.Lead);

        var create = await LiftoffFactory.PostFormAsync(staff, "/Organisations?handler=Create",
            new() { ["Name"] = $"Paged {u}", ["Kind"] = "Customer", ["Tier"] = "Large" }, "/Organisations");
        var edit = await staff.GetStringAsync(create.Headers.Location!.OriginalString);
        var staffAreas = await staff.GetAsync("/Backlog/Areas");
        var leadAreas = await LiftoffFactory.PostFormAsync(lead, "/Backlog/Areas?handler=Create",
            new() { ["name"] = $"Paged area {u}" });

        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.Contains($"Paged {u}", edit, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, staffAreas.StatusCode);
        Assert.Contains($"Area Paged area {u} created.", await leadAreas.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    private Task<Audience> AudienceAsync(string email) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c =>
            c.NormalizedEmail == email).Select(c => c.Audience).FirstAsync());
}
