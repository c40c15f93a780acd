using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Cli;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liftoff.Web.Tests.Account;

/// <summary>The app on a clock the tests move (starting now, so cookies and tokens behave as in real use).</summary>
public sealed class TokenClockFactory : LiftoffFactory
{
    // Whole seconds, so instants read back from PostgreSQL (microseconds) compare equal.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(
        DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ApiTokenScopeTests(TokenClockFactory factory) : IClassFixture<TokenClockFactory>
{
    [Fact]
    public async Task ReadOnlyToken_ReadsButGets403OnEveryUnsafeMethod()
    {
        var user = await factory.CreateUserAsync(Roles.Admin);
        var (readOnly, id) = await TokenClientAsync(user, new NewApiToken("reporting", "read-only"));
        var readWrite = await factory.TokenClientAsync(user);

        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/tokens")).StatusCode);
        var post = await readOnly.PostAsJsonAsync("/api/tokens", new { name = "more" });
        var delete = await readOnly.DeleteAsync($"/api/tokens/{id}");
        var deactivate = await readOnly.PostAsync($"/api/users/{user.Id}/deactivate", null);
        var put = await readOnly.PutAsJsonAsync("/api/requests/priority-weights", new { });
        var patch = await readOnly.PatchAsync("/api/tokens", JsonContent.Create(new { }));

        Assert.All([post, delete, deactivate, put, patch], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var problem = await post.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("read-only", problem!.Detail);
        Assert.Equal(2, await CountTokensAsync(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/me")).StatusCode);
        var created = await readWrite.PostAsJsonAsync("/api/tokens", new { name = "more" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task TokenWithExpiry_WorksUntilThatDayThenIsRefused()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var expires = factory.Today.AddDays(2);
        var (client, _) = await TokenClientAsync(user, new NewApiToken("until soon", "read-write",
            $"{expires:yyyy-MM-dd}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        factory.Clock.SetUtcNow(new DateTimeOffset(expires.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            .AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var listed = await ListAsync(await factory.TokenClientAsync(user));
        Assert.Contains(listed, t => t.Name == "until soon" && t.ExpiresAt is not null);
    }

    [Fact]
    public async Task LastUsed_RecordedAtMostOnceAMinute_AndShownOnTheTokensPage()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var (client, id) = await TokenClientAsync(user, new NewApiToken("nightly", "read-only"));
        Assert.Null(await LastUsedAsync(id));

        await client.GetAsync("/api/me");
        var first = factory.Clock.GetUtcNow();
        Assert.Equal(first, await LastUsedAsync(id));
        factory.Clock.Advance(TimeSpan.FromSeconds(50));
        await client.GetAsync("/api/me");
        Assert.Equal(first, await LastUsedAsync(id));
        factory.Clock.Advance(TimeSpan.FromSeconds(20));
        await client.GetAsync("/api/me");
        Assert.Equal(factory.Clock.GetUtcNow(), await LastUsedAsync(id));

        var page = await (await factory.SignInAsync(user)).GetStringAsync("/Account/Tokens");
        Assert.Contains($"{factory.Clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC", page);
        Assert.Contains("read-only", page);
    }

    [Theory]
    [InlineData("admin", null, "scope", "Unknown scope 'admin'")]
    [InlineData("read-only", "2020-01-01", "expires", "The expiry date 2020-01-01 is not in the future")]
    [InlineData(null, "31.01.2027", "expires", "'31.01.2027' is not a date")]
    [InlineData(null, "today", "expires", "'today' is not a date")]
    public async Task CreateToken_BadScopeOrExpiry_IsRefusedWithMessageOnApiAndPage(
        string? scope, string? expires, string field, string message)
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(user);

        var response = await api.PostAsJsonAsync("/api/tokens", new { name = "bad", scope, expires });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.StartsWith(message, Assert.Single(problem!.Errors[field]));
        var cookie = await factory.SignInAsync(user);
        var form = new Dictionary<string, string>
        {
            ["Name"] = "bad",
            ["Scope"] = scope ?? "",
            ["Expires"] = expires
            ?? ""
        };
        var page = await LiftoffFactory.PostFormAsync(cookie, "/Account/Tokens?handler=Create", form,
            "/Account/Tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountTokensAsync(user.Id));
    }

    [Fact]
    public async Task TokensPage_CreatesReadOnlyTokenWithExpiry()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var cookie = await factory.SignInAsync(user);
        var expires = factory.Today.AddDays(30);

        var form = new Dictionary<string, string>
        {
            ["Name"] = "dashboard",
            ["Scope"] = "read-only",
            ["Expires"] = $"{expires:yyyy-MM-dd}",
        };
        var response = await LiftoffFactory.PostFormAsync(cookie, "/Account/Tokens?handler=Create", form,
            "/Account/Tokens");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("New token created", html);
        Assert.Contains($"{expires:yyyy-MM-dd} 00:00 UTC", html);
        var stored = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync(t => t.UserId == user.Id));
        Assert.Equal((ApiTokenScope.ReadOnly, "dashboard"), (stored.Scope, stored.Name));
        Assert.Equal(new DateTimeOffset(expires.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), stored.ExpiresAt);
    }

    [Fact]
    public async Task CommandLine_TokenCreate_TakesScopeAndExpiryAndRefusesBadValues()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var expires = $"{factory.Today.AddDays(10):yyyy-MM-dd}";

        var ok = await RunAsync("token", "create", user.Email, "cli", "--scope", "read-only", "--expires", expires);
        var badScope = await RunAsync("token", "create", user.Email, "cli", "--scope", "everything");
        var past = await RunAsync("token", "create", user.Email, "cli", "--expires", "2020-01-31");
        var typo = await RunAsync("token", "create", user.Email, "cli", "--expire", expires);

        Assert.Equal(0, ok.Code);
        Assert.Contains($"read-only, expires {expires} 00:00 UTC", ok.Output);
        Assert.Equal((1, true), (badScope.Code, badScope.Error.Contains("Unknown scope 'everything'")));
        Assert.Equal((1, true), (past.Code, past.Error.Contains("2020-01-31 is not in the future")));
        Assert.Equal(2, typo.Code);
        var stored = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().ApiTokens.SingleAsync(t => t.UserId == user.Id));
        Assert.Equal(ApiTokenScope.ReadOnly, stored.Scope);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            ok.Output.Split('\n')[1].Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/tokens", new { name = "x" }))
            .StatusCode);
    }

    private async Task<(HttpClient Client, int Id)> TokenClientAsync(TestUser user, NewApiToken request)
    {
        var outcome = await factory.WithScopeAsync(sp => sp.GetRequiredService<ApiTokenService>()
            .CreateAsync(user.Id, request));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.Value!.Token);
        return (client, outcome.Value.Id);
    }

    private static async Task<List<TokenView>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<TokenView>>("/api/tokens"))!;

    private Task<int> CountTokensAsync(string userId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .ApiTokens.CountAsync(t => t.UserId == userId));

    private Task<DateTimeOffset?> LastUsedAsync(int id) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ApiTokens.Where(t => t.Id == id)
            .Select(t => t.LastUsedAt).SingleAsync());

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        _ = factory.Server;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(factory.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
