using System.Net;
using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Platform;

/// <summary>
/// Walks every route the app maps, so a route added later without the right policy fails here.
/// </summary>
public sealed partial class RouteAuthorizationTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    /// <summary>The only routes anyone may reach without signing in. Adding one is a deliberate act.</summary>
    private static readonly HashSet<string> AnonymousRoutes =
    [
        "/Account/SignIn", "/Account/AccessDenied", "/Account/AcceptInvite", "/Account/ExternalLogin",
        "/Error", "/Status", "/healthz", "/api/{**rest}",
        // Newsletter recipients unsubscribe from their mailbox; the protected token is the authority.
        "/unsubscribe/{token}",
        // The API reference's own script and icon: static library files without data.
        "/api/docs/scalar.js", "/api/docs/scalar.aspnetcore.js", "/api/docs/favicon.svg",
        // Calendar feeds: calendar clients cannot sign in; the secret token in the address is the key.
        "/calendar/{token}.ics",
        // The knowledge base's public articles and the Atom feed of public release announcements.
        "/Portal/Kb", "/Portal/Kb/{id:int}", "/kb/announcements.atom",
    ];

    public sealed record Route(string Pattern, string Method, bool AllowsAnonymous, bool PortalOnly,
        IReadOnlySet<string> Policies);

    private List<Route> Routes()
    {
        _ = factory.Server;
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var routes = new List<Route>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m
                : ["GET", "POST"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
                .ToHashSet();
            var portal = policies.Contains(Policies.Portal);
            routes.AddRange(methods.Where(x => x != "OPTIONS" && x != "HEAD")
                .Select(x => new Route(pattern, x, anonymous, portal, policies)));
        }
        return routes.DistinctBy(r => (r.Pattern, r.Method)).ToList();
    }

    [Fact]
    public void Endpoints_AllowingAnonymous_AreExactlyTheAllowList()
    {
        var anonymous = Routes().Where(r => r.AllowsAnonymous).Select(r => r.Pattern).ToHashSet();

        Assert.Empty(anonymous.Except(AnonymousRoutes));
        Assert.True(Routes().Count > 30, "the endpoint data source should list the app's routes");
    }

    [Fact]
    public async Task EveryProtectedRoute_Anonymous_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.AllowsAnonymous))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method),
                Fill(route.Pattern)));
            if (!IsRefusal(response, "/Account/SignIn"))
            {
                failures.Add(
                    $"{route.Method} {route.Pattern} -> {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryStaffRoute_External_IsRefused()
    {
        var client = await factory.SignedInClientAsync(Roles.External);
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.AllowsAnonymous && !r.PortalOnly))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method),
                Fill(route.Pattern)));
            if (!IsRefusal(response, "/Account/AccessDenied"))
            {
                failures.Add(
                    $"{route.Method} {route.Pattern} -> {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task AdminRoutes_Staff_IsRefused()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        foreach (var path in new[] { "/Users", "/Audit", "/api/users", "/api/audit" })
        {
            var response = await client.GetAsync(path);
            Assert.True(IsRefusal(response, "/Account/AccessDenied"), $"{path} -> {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(Roles.Staff, Policies.Admin)]
    [InlineData(Roles.Lead, Policies.Admin)]
    [InlineData(Roles.Staff, Policies.Lead)]
    public async Task EveryRouteOfAHigherPolicy_LowerRole_IsRefused(string role, string policy)
    {
        var client = await factory.SignedInClientAsync(role);
        var routes = Routes().Where(r => !r.AllowsAnonymous && r.Policies.Contains(policy)).ToList();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method),
                Fill(route.Pattern)));
            if (!IsRefusal(response, "/Account/AccessDenied"))
            {
                failures.Add(
                    $"{route.Method} {route.Pattern} -> {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.NotEmpty(routes);
        Assert.Empty(failures);
    }

    private static bool IsRefusal(HttpResponseMessage response, string redirectTarget) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect
            && (response.Headers.Location?.OriginalString ?? "")
                .Contains(redirectTarget, StringComparison.OrdinalIgnoreCase));

    private static string Fill(string pattern) =>
        ParameterPattern().Replace(pattern, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x")
            .Replace("//", "/");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();
}
