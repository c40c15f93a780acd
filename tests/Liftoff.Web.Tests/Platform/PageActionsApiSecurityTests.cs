using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Platform;

/// <summary>
/// The page-action API's guards: read-only tokens, external users, CSRF for cookies, JSON content types and
/// the OpenAPI description.
/// </summary>
public sealed class PageActionsApiSecurityTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    public static TheoryData<string, string> UnsafeCalls => new()
    {
        { "POST", "/api/releases/1/notes/items" },
        { "POST", "/api/kb/articles" },
        { "POST", "/api/newsletters" },
        { "POST", "/api/contacts" },
        { "POST", "/api/support/ticket-volume/csv" },
    };

    [Theory]
    [MemberData(nameof(UnsafeCalls))]
    public async Task NewApi_ReadOnlyToken_UnsafeMethodForbidden(string method, string path)
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var token = await factory.WithScopeAsync(sp => sp.GetRequiredService<ApiTokenService>()
            .CreateAsync(user.Id, new NewApiToken("ro", "read-only")));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Token);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method),
            path)
        { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/releases/1/notes")]
    [InlineData("/api/kb/articles")]
    [InlineData("/api/newsletters")]
    [InlineData("/api/contacts")]
    public async Task NewApi_ExternalUser_GetsNothing(string path)
    {
        var external = await factory.TokenClientAsync(await factory.CreateUserAsync(Roles.External,
            await factory.CreateOrganisationAsync(kind: OrganisationKind.Customer)));

        var response = await external.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task NewApi_CookieWithoutCsrfHeader_Refused()
    {
        var cookie = await factory.SignInAsync(await factory.CreateUserAsync(Roles.Staff), apiAntiforgery: false);

        var response = await cookie.PostAsJsonAsync("/api/kb/articles",
            new { title = "No token", audience = "Public" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonEndpoint_TextPlainBody_Gets415()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsync("/api/kb/articles",
            new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresBearerSecurityAndErrorResponses()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var doc = await staff.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(doc.TryGetProperty("security", out _));
        var save = doc.GetProperty("paths").GetProperty("/api/releases/{id}/notes/customer").GetProperty("put");
        var statuses = save.GetProperty("responses").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "200", "400", "401", "403", "404", "409", "415" }, statuses.ToHashSet());
        var body = save.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema");
        Assert.True(body.TryGetProperty("$ref", out _), body.ToString());
    }
}
