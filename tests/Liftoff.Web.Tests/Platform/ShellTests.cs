using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Platform;

public sealed class ShellTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task Healthz_Anonymous_ReportsHealthy()
    {
        var response = await factory.CreateClient().GetStringAsync("/healthz");

        Assert.Equal("Healthy", response);
    }

    [Fact]
    public async Task OpenApiDocument_ForStaff_ListsTheApi()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var doc = await staff.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/teams", out _));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/docs/")).StatusCode);
    }

    [Fact]
    public async Task UnknownApiRoute_ReturnsProblemDetails404()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPage_SignedIn_ShowsFriendlyNotFound()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);

        var response = await staff.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Navigation_External_ShowsOnlyThePortal()
    {
        var external = await factory.SignedInClientAsync(Roles.External);

        var home = await external.GetAsync("/");
        var portal = await external.GetStringAsync("/Portal");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Portal", home.Headers.Location?.OriginalString);
        Assert.DoesNotContain("href=\"/Teams\"", portal);
        Assert.DoesNotContain("href=\"/Users\"", portal);
    }

    [Fact]
    public async Task Navigation_Admin_ShowsAdminPagesUnderAdmin()
    {
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var home = await admin.GetStringAsync("/");
        var users = await admin.GetStringAsync("/Users");

        Assert.Contains("<a href=\"/Users\" aria-current=\"false\">Admin</a>", home);
        Assert.Contains("aria-label=\"Admin pages\"", users);
        Assert.Contains("href=\"/Audit\"", users);
        Assert.Contains("href=\"/Workspace/Calendar\"", users);
    }

    [Fact]
    public async Task Navigation_Staff_SeesAtMostSevenAreasAndNoAdmin()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);

        var home = await staff.GetStringAsync("/");
        var main = home[home.IndexOf("aria-label=\"Main\"", StringComparison.Ordinal)..];
        main = main[..main.IndexOf("</nav>", StringComparison.Ordinal)];

        Assert.InRange(System.Text.RegularExpressions.Regex.Count(main, "<li>"), 5, 7);
        Assert.DoesNotContain(">Admin<", main, StringComparison.Ordinal);
        Assert.Contains("href=\"/Backlog/Priorities\"", main, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Home pages\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SendSecurityHeaders()
    {
        var response = await factory.CreateClient().GetAsync("/Account/SignIn");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
