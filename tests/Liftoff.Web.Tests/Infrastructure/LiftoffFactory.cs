using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Infrastructure;

public sealed record TestUser(string Id, string Email, string Password, string Role, int? OrganisationId);

/// <summary>The whole app on its own fresh database (SQLite or PostgreSQL, see <see cref="TestDatabase"/>).</summary>
public partial class LiftoffFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public string Provider => _database.Provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("Database:ConnectionString", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Database:SeedDemoOnEmpty", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Most test apps never embed: they load the models only if they do.
        builder.UseSetting(SimilarRequestIndexer.WarmUpSetting, "false");
        // Tests drive the sender themselves.
        builder.UseSetting("Email:PollInterval", "00:10:00");
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> action) =>
        WithScopeAsync(async sp =>
        {
            await action(sp);
            return true;
        });

    public async Task<int> CreateOrganisationAsync(string? name = null,
        OrganisationKind kind = OrganisationKind.Reseller) =>
        await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var org = new OrganisationEntity
            {
                Name = name ?? $"Org {Guid.NewGuid():N}"[..12],
                Kind = kind,
                CreatedAt = DateTimeOffset.UtcNow
            };
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            return org.Id;
        });

    /// <summary>Creates a user with a random password; External users get an organisation of their own.</summary>
    public async Task<TestUser> CreateUserAsync(string role, int? organisationId = null, string? email = null)
    {
        if (role == Roles.External && organisationId is null)
        {
            organisationId = await CreateOrganisationAsync();
        }
        return await WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
            var password = DemoSeeder.GeneratePassword();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                DisplayName = $"{role} tester",
                OrganisationId = organisationId,
                EmailConfirmed = true
            };
            var created = await users.CreateAsync(user, password);
            Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            return new TestUser(user.Id, email, password, role, organisationId);
        });
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Signs in through the real sign-in form and returns a client carrying the cookie. Like the app's own
    /// pages, it sends the antiforgery header with API calls that change something, unless told not to.
    /// </summary>
    public async Task<HttpClient> SignInAsync(TestUser user, bool apiAntiforgery = true)
    {
        var client = apiAntiforgery
            ? CreateDefaultClient(
                new Uri("http://localhost"), new ApiAntiforgeryHandler(), new CookieContainerHandler())
            : CreateBrowserLikeClient();
        var response = await PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpClient> SignedInClientAsync(string role) => await SignInAsync(await CreateUserAsync(role));

    public async Task<HttpClient> TokenClientAsync(TestUser user)
    {
        var token = await WithScopeAsync(sp => sp.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "test"));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    public async Task<HttpClient> TokenClientAsync(string role) => await TokenClientAsync(await CreateUserAsync(role));

    /// <summary>GETs the page to obtain its antiforgery token, then posts the form like a browser.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url,
        Dictionary<string, string> fields, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? url);
        var token = TokenPattern().Match(page).Groups[1].Value;
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    internal static partial Regex MetaTokenPattern();

    /// <summary>
    /// Reads the token from a page's csrf-token meta tag, as site.js does, and sends it as X-CSRF-TOKEN.
    /// </summary>
    private sealed class ApiAntiforgeryHandler : DelegatingHandler
    {
        private string? _token;

        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var unsafeMethod = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
            if (unsafeMethod && request.RequestUri!.AbsolutePath.StartsWith("/api", StringComparison.Ordinal)
                && request.Headers.Authorization is null && !request.Headers.Contains("X-CSRF-TOKEN"))
            {
                _token ??= await FetchTokenAsync(request.RequestUri, cancellationToken);
                request.Headers.Add("X-CSRF-TOKEN", _token);
            }
            return await base.SendAsync(request, cancellationToken);
        }

        private async Task<string> FetchTokenAsync(Uri target, CancellationToken cancellationToken)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(target, "/Account/AccessDenied"));
            using var page = await base.SendAsync(get, cancellationToken);
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            return MetaTokenPattern().Match(html).Groups[1].Value;
        }
    }
}
