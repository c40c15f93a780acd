using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Features.Support;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Hardening;

public sealed partial class BadInputTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private List<string> PageRoutes()
    {
        _ = factory.Server;
        return factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + ParameterPattern().Replace(e.RoutePattern.RawText ?? "", "1").TrimStart('/'))
            .Distinct().ToList();
    }

    /// <summary>
    /// A POST naming no handler of the page is a 404; a GET is a 404 unless the page's OnGet shows it
    /// (reloading an address a form was posted to). Neither is ever a server error.
    /// </summary>
    [Fact]
    public async Task EveryPage_UnknownHandler_IsNotFoundAndNeverAServerError()
    {
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var page = await (await client.GetAsync("/Account/AccessDenied")).Content.ReadAsStringAsync();
        var token = LiftoffFactory.MetaTokenPattern().Match(page).Groups[1].Value;
        var routes = PageRoutes();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var get = await client.GetAsync($"{route}?handler=bogus");
            var post = await client.PostAsync($"{route}?handler=bogus",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            if ((int)get.StatusCode >= 500)
            {
                failures.Add($"GET {route}?handler=bogus -> {(int)get.StatusCode}");
            }
            // Admins are sent away from the portal's pages before any handler is chosen.
            var refused = post.StatusCode == HttpStatusCode.Redirect
                && (post.Headers.Location?.OriginalString ?? "").Contains("AccessDenied", StringComparison.Ordinal);
            if (post.StatusCode != HttpStatusCode.NotFound && !refused)
            {
                failures.Add($"POST {route}?handler=bogus -> {(int)post.StatusCode}");
            }
        }
        Assert.True(routes.Count > 30, $"expected the app's pages, found {routes.Count}");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("Created at,Via\n2026-03-02 10:00,email\n9999-12-31 23:59,email\n", 3)]
    [InlineData("Created at,Via\n2026-03-02T10:00:00Z,email\n9999-12-31T23:59:59Z,web\n", 3)]
    [InlineData("Date,Count\n2026-03-02,4\n9999-12-31,5\n", 3)]
    [InlineData("Date,Count\n0001-01-01,4\n2026-03-02,5\n", 2)]
    public void TicketCsv_ImpossibleDate_IsARowError(string csv, int row)
    {
        var parsed = TicketCsvParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new CsvMapping(),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(row, error.Row);
        Assert.Contains("not a plausible ticket date", error.Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Counts);
    }

    [Fact]
    public async Task CreateOrganisation_TenConcurrentCasesOfOneName_OneIsCreatedTheRestRefusedWithoutServerError()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var name = $"Race {Guid.NewGuid():N}"[..13];
        var names = Enumerable.Range(0, 10)
            .Select(i => i % 2 == 0 ? name.ToUpperInvariant() : name.ToLowerInvariant()).ToList();

        var responses = await Task.WhenAll(
            names.Select(n => staff.PostAsJsonAsync("/api/organisations", new { name = n, kind = "Reseller" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest,
                $"{refused.StatusCode}");
            var message = await refused.Content.ReadAsStringAsync();
            Assert.Contains("already exists", message, StringComparison.OrdinalIgnoreCase);
        }
        var listed = await staff.GetFromJsonAsync<List<OrganisationNameOnly>>("/api/organisations");
        Assert.Single(listed!, o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record OrganisationNameOnly(int Id, string Name);

    [Fact]
    public async Task PutPriorityWeights_EmptyBodyOrStaleVersion_IsRefusedAndNothingChanges()
    {
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var before = (await lead.GetFromJsonAsync<WeightsView>("/api/requests/priority-weights"))!.Weights;

        var empty = await lead.PutAsJsonAsync("/api/requests/priority-weights", new { });
        var noVersion = await lead.PutAsJsonAsync("/api/requests/priority-weights", before with { RowVersion = null });
        var stale = await lead.PutAsJsonAsync("/api/requests/priority-weights",
            before with { PointsPerVote = 7, RowVersion = before.RowVersion + 5 });
        var after = (await lead.GetFromJsonAsync<WeightsView>("/api/requests/priority-weights"))!.Weights;
        var saved = await lead.PutAsJsonAsync("/api/requests/priority-weights", before with { PointsPerVote = 7 });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await empty.Content.ReadAsStringAsync();
        Assert.Contains("PointsPerVote", problem, StringComparison.Ordinal);
        Assert.Contains("rowVersion", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();
}
