using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Users;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Users;

public sealed class UsersApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task CreateUser_Valid_CreatesWithRoleAndAudits()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var email = $"new-{Guid.NewGuid():N}@test.example";

        var response = await admin.PostAsJsonAsync("/api/users",
            new { email, displayName = "New Person", role = Roles.Lead });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var listed = await admin.GetFromJsonAsync<List<UserSummary>>("/api/users");
        Assert.Contains(listed!, u => u.Email == email && u.Roles.SequenceEqual([Roles.Lead]));
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "user.created" && a.Details.Contains(email)));
        Assert.True(audited);
    }

    [Theory]
    [InlineData("not-an-email", "Someone", "Staff", "email")]
    [InlineData("ok@test.example", "", "Staff", "displayName")]
    [InlineData("ok2@test.example", "Someone", "Superuser", "role")]
    [InlineData("ok3@test.example", "Someone", "External", "organisationId")]
    public async Task CreateUser_Invalid_Returns400NamingTheFieldAndStoresNothing(string email, string name,
        string role, string field)
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var before = await CountUsersAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = name, role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _),
            $"errors should name {field}: {problem}");
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task CreateUser_DuplicateEmail_Returns400AndKeepsTheOriginal()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var existing = await factory.CreateUserAsync(Roles.Staff);

        var response = await admin.PostAsJsonAsync("/api/users",
            new { email = existing.Email, displayName = "Impostor", role = Roles.Admin });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await admin.GetFromJsonAsync<UserSummary>($"/api/users/{existing.Id}");
        Assert.Equal([Roles.Staff], again!.Roles);
    }

    [Fact]
    public async Task CreateUser_MalformedJson_Returns400WithoutStackTrace()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);

        var response = await admin.PostAsync("/api/users", new StringContent("{ \"email\": ",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task SetRole_UnknownUser_Returns404()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);

        var response = await admin.PutAsJsonAsync("/api/users/does-not-exist/role", new { role = Roles.Staff });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SetRole_ToLead_ChangesRoleAndAudits()
    {
        var admin = await factory.TokenClientAsync(Roles.Admin);
        var user = await factory.CreateUserAsync(Roles.Staff);

        var response = await admin.PutAsJsonAsync($"/api/users/{user.Id}/role", new { role = Roles.Lead });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<UserSummary>();
        Assert.Equal([Roles.Lead], summary!.Roles);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "user.role.changed" && a.TargetId == user.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task UsersApi_AsStaff_IsForbidden()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync("/api/users",
            new { email = "x@test.example", displayName = "X", role = Roles.Admin });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task InvitePage_CreatesUserWhoSetsOwnPasswordAndSignsIn()
    {
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var email = $"invited-{Guid.NewGuid():N}@test.example";

        var page = await LiftoffFactory.PostFormAsync(admin, "/Users?handler=Create",
            new() { ["Email"] = email, ["DisplayName"] = "Invited", ["Role"] = Roles.Staff }, pageUrl: "/Users");
        var html = await page.Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"invitation-link\">([^<]+)<")
            .Groups[1].Value;
        var invitation = new Uri(WebUtility.HtmlDecode(link));

        var anonymous = factory.CreateBrowserLikeClient();
        var accepted = await LiftoffFactory.PostFormAsync(anonymous, invitation.PathAndQuery,
            new() { ["Password"] = "a-fresh-password-42" });
        Assert.Contains("Your password is set", await accepted.Content.ReadAsStringAsync());
        var signedIn = await LiftoffFactory.PostFormAsync(anonymous, "/Account/SignIn",
            new() { ["Email"] = email, ["Password"] = "a-fresh-password-42" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var replay = await LiftoffFactory.PostFormAsync(factory.CreateBrowserLikeClient(), invitation.PathAndQuery,
            new() { ["Password"] = "another-password-42" });
        Assert.Contains("invalid or has already been used", await replay.Content.ReadAsStringAsync());
    }

    private Task<int> CountUsersAsync() =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync());
}
