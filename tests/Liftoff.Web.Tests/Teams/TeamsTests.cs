using System.Net;
using System.Net.Http.Json;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Teams;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Teams;

public sealed class TeamsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static async Task<TeamView> CreateTeamAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/teams",
            new { name = $"Team {Guid.NewGuid():N}"[..14], responsibilities = "Field handover" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TeamView>())!;
    }

    [Fact]
    public async Task SetLead_Twice_KeepsEveryChangeAsHistory()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var team = await CreateTeamAsync(admin);
        var first = await factory.CreateUserAsync(Roles.Lead);
        var second = await factory.CreateUserAsync(Roles.Lead);

        await admin.PutAsJsonAsync($"/api/teams/{team.Id}/lead", new { leadUserId = first.Id });
        var response = await admin.PutAsJsonAsync($"/api/teams/{team.Id}/lead", new { leadUserId = second.Id });

        var view = (await response.Content.ReadFromJsonAsync<TeamView>())!;
        Assert.Equal(second.Id, view.LeadUserId);
        Assert.Equal(2, view.LeadHistory.Count);
        Assert.Contains(view.Members, m => m.UserId == second.Id);
    }

    [Fact]
    public async Task SetLead_ExternalUser_IsRefused()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var team = await CreateTeamAsync(admin);
        var external = await factory.CreateUserAsync(Roles.External);

        var response = await admin.PutAsJsonAsync($"/api/teams/{team.Id}/lead", new { leadUserId = external.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var view = await admin.GetFromJsonAsync<TeamView>($"/api/teams/{team.Id}");
        Assert.Null(view!.LeadUserId);
    }

    [Fact]
    public async Task Update_WithStaleVersion_ReturnsConflictAndKeepsFirstChange()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var team = await CreateTeamAsync(admin);

        var first = await admin.PutAsJsonAsync($"/api/teams/{team.Id}",
            new { name = team.Name, responsibilities = "First edit", version = team.Version });
        var second = await admin.PutAsJsonAsync($"/api/teams/{team.Id}",
            new { name = team.Name, responsibilities = "Second edit", version = team.Version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var view = await admin.GetFromJsonAsync<TeamView>($"/api/teams/{team.Id}");
        Assert.Equal("First edit", view!.Responsibilities);
    }

    [Fact]
    public async Task Create_EmptyName_Returns400()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/teams", new { name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownTeam_Returns404()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/teams/999999")).StatusCode);
    }

    [Fact]
    public async Task Create_AsLead_IsForbidden()
    {
        var lead = await factory.TokenClientAsync(Roles.Lead);

        var response = await lead.PostAsJsonAsync("/api/teams", new { name = "Sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
