using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Portal;

public sealed class PortalRequestsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string U() => Guid.NewGuid().ToString("N")[..8];

    private async Task<long> StaffRequestAsync(string title, string description, int org, string email,
        string internalNotes)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var created = await (await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title,
                description,
                requestor = new
                {
                    organisationId = org,
                    contactEmail = email
                }
            })).Content.ReadFromJsonAsync<RequestView>();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var r = await db.FeatureRequests.FirstAsync(x => x.Id == created!.Id);
            r.InternalNotes = internalNotes;
            await db.SaveChangesAsync();
        });
        return created!.Id;
    }

    // Other organisations' requests reach the portal only when staff share them.
    private async Task ShareAsync(long id)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var detail = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/requests/{id}/detail");
        var rowVersion = detail.GetProperty("rowVersion").GetInt32();
        (await staff.PutAsJsonAsync($"/api/requests/{id}/shared", new { shared = true, rowVersion }))
            .EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Submit_AsExternalUser_RecordsTheirOrganisationAndEmailAndShowsItInMyRequests()
    {
        var u = U();
        var user = await factory.CreateUserAsync(Roles.External);
        var client = await factory.SignInAsync(user);

        var response = await LiftoffFactory.PostFormAsync(client, "/Portal/Requests?handler=Submit",
            new() { ["Title"] = $"Pause and resume missions {u}", ["Description"] = "Battery swaps mid-mission." },
            "/Portal/Requests");
        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Portal/Requests"));

        Assert.Contains("your request", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        var email = user.Email.ToLowerInvariant();
        var vote = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().RequestVotes.SingleAsync(v => v.ContactEmail == email));
        Assert.Equal(user.OrganisationId, vote.OrganisationId);
        Assert.Contains($"Pause and resume missions {u}", mine, StringComparison.Ordinal);
        Assert.Contains("New", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upvote_Twice_CountsOnceAndSaysSo()
    {
        var u = U();
        var other = await factory.CreateOrganisationAsync();
        var id = await StaffRequestAsync($"Thermal camera support {u}", "", other, $"x-{u}@other.example", "");
        await ShareAsync(id);
        var user = await factory.CreateUserAsync(Roles.External);
        var client = await factory.SignInAsync(user);

        var first = await LiftoffFactory.PostFormAsync(client, $"/Portal/Requests?handler=Upvote&id={id}", [],
            "/Portal/Requests");
        var second = await LiftoffFactory.PostFormAsync(client, $"/Portal/Requests?handler=Upvote&id={id}", [],
            "/Portal/Requests");
        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Portal/Requests"));

        Assert.Contains("now has 2 votes", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Contains("already count on this request",
            WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().RequestVotes.CountAsync(v => v.RequestId == id)));
        Assert.Contains($"Thermal camera support {u}", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_ShowsPublicFieldsOnly()
    {
        var u = U();
        var other = await factory.CreateOrganisationAsync($"Someone else {u}");
        await ShareAsync(await StaffRequestAsync($"Export flight logs to CSV {u}", "Spreadsheet of all flights.",
            other, $"o-{u}@else.example", $"Deal worth 80k, secret-{u}"));
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(
            $"/Portal/Requests?handler=Similar&title={Uri.EscapeDataString($"download flight logs as csv {u}")}"));
        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Portal/Requests"));

        Assert.Contains($"Export flight logs to CSV {u}", html, StringComparison.Ordinal);
        Assert.Contains("1 vote", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"secret-{u}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"o-{u}@else.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Someone else {u}", html, StringComparison.Ordinal);
        // Another organisation's request is not among "my requests".
        Assert.DoesNotContain($"Export flight logs to CSV {u}", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upvote_UnknownRequest_IsNotFound()
    {
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        var response = await LiftoffFactory.PostFormAsync(client, "/Portal/Requests?handler=Upvote&id=987654321", [],
            "/Portal/Requests");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
