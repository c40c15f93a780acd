using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

public sealed class BacklogTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static object NewRequest(string title, string description, int org, string email) =>
        new { title, description, requestor = new { organisationId = org, contactEmail = email, contactName = "Kim" } };

    [Fact]
    public async Task Similar_AfterCreate_FindsTheRequestByMeaning()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var created = await staff.PostAsJsonAsync("/api/requests", NewRequest("Export flight logs as CSV", "We need " +
            "the flight logs in a spreadsheet for our customers.", org, "kim@reseller.example"));
        await staff.PostAsJsonAsync("/api/requests", NewRequest("Dark mode for the planning app", "The screen is too " +
            "bright outside at night.", org, "kim@reseller.example"));
        var id = (await created.Content.ReadFromJsonAsync<RequestView>())!.Id;

        var suggestions = await staff.GetFromJsonAsync<List<Suggestion>>("/api/requests/similar?text="
            + Uri.EscapeDataString("download the flight log as a csv file"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, suggestions![0].Id);
        Assert.Equal(1, suggestions[0].Votes);
    }

    [Fact]
    public async Task AddRequestor_SameContactTwice_CountsOnceWithMessage()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var request = await (await staff.PostAsJsonAsync("/api/requests",
            NewRequest("Offline maps for the field", "No mobile network on site.", org,
            "first@customer.example"))).Content.ReadFromJsonAsync<RequestView>();

        var added = await staff.PostAsJsonAsync($"/api/requests/{request!.Id}/requestors",
            new { organisationId = org, contactEmail = "second@customer.example" });
        var again = await staff.PostAsJsonAsync($"/api/requests/{request.Id}/requestors",
            new { organisationId = org, contactEmail = "SECOND@customer.example" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (await added.Content.ReadFromJsonAsync<RequestView>())!.Votes);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("already counts", problem.GetProperty("errors").GetProperty("contactEmail")[0].GetString());
    }

    [Fact]
    public async Task AddRequestor_ConcurrentSameContact_StoresOneVote()
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var request = await (await staff.PostAsJsonAsync("/api/requests",
            NewRequest("Battery health report", "Show cycles per battery.", org,
            "a@customer.example"))).Content.ReadFromJsonAsync<RequestView>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            staff.PostAsJsonAsync($"/api/requests/{request!.Id}/requestors",
                new { organisationId = org, contactEmail = "race@customer.example" })));

        var votes = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().RequestVotes.CountAsync(v => v.RequestId == request!.Id
            && v.ContactEmail == "race@customer.example"));
        Assert.Equal(1, votes);
    }

    [Theory]
    [InlineData("", "a@b.example")]
    [InlineData("A valid title", "not-an-email")]
    public async Task Create_InvalidInput_Returns400AndStoresNothing(string title, string email)
    {
        var org = await factory.CreateOrganisationAsync();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var before = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync());

        var response = await staff.PostAsJsonAsync("/api/requests", NewRequest(title, "x", org, email));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync()));
    }

    [Fact]
    public async Task Similar_HugeOrOddText_AnswersWithoutError()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var huge = await staff.GetAsync("/api/requests/similar?text="
            + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("wörd\u200b 😀 ", 3000))));
        var empty = await staff.GetAsync("/api/requests/similar?text=");

        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
