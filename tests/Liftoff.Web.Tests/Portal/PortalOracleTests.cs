using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Portal;

/// <summary>The portal tells an External user nothing about codenames through what it hides.</summary>
public sealed class PortalOracleTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    // Letters only: the guard matches words.
    private static string U() => new(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))).ToArray());

    private async Task<string> CodenameAsync()
    {
        var codename = "Quillon" + U();
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = $"Secret payload {U()}",
                Codename = codename,
                UpdatedAt = DateTimeOffset.UtcNow
            });
            await db.SaveChangesAsync();
        });
        return codename;
    }

    private static async Task<string> SubmitAsync(HttpClient client, string title, string description)
    {
        var response = await LiftoffFactory.PostFormAsync(client, "/Portal/Requests?handler=Submit",
            new() { ["Title"] = title, ["Description"] = description }, "/Portal/Requests");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<long> IdOfAsync(string title) =>
        await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r =>
            r.Title == title).Select(r => r.Id).SingleAsync());

    private async Task<HttpResponseMessage> ShareAsync(long id, bool shared = true)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/requests/{id}/detail");
        return await staff.PutAsJsonAsync($"/api/requests/{id}/shared",
            new { shared, rowVersion = detail.GetProperty("rowVersion").GetInt32() });
    }

    private static async Task<string> SimilarAsync(HttpClient client, string title) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(
            $"/Portal/Requests?handler=Similar&title={Uri.EscapeDataString(title)}"));

    [Fact]
    public async Task OwnOrganisation_SubmittedCodenameGuess_SeesItAsWritten()
    {
        var u = U();
        var codename = await CodenameAsync();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        await SubmitAsync(client, $"Works with {codename} {u}", $"Our fleet needs {codename} support {u}");
        await SubmitAsync(client, $"Works with Kingfisher {u}", $"Our fleet needs Kingfisher support {u}");
        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Portal/Requests"));
        var similar = await SimilarAsync(client, $"works with {codename}");

        // The real codename and a wrong guess look the same: both shown as written.
        Assert.Contains($"Works with {codename} {u}", mine, StringComparison.Ordinal);
        Assert.Contains($"Our fleet needs {codename} support {u}", mine, StringComparison.Ordinal);
        Assert.Contains($"Works with Kingfisher {u}", mine, StringComparison.Ordinal);
        Assert.Contains($"Works with {codename} {u}", similar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherOrganisation_NotShared_SeesNothingOfIt()
    {
        var u = U();
        var a = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        var b = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        await SubmitAsync(a, $"Offline maps {u}", $"For the Zurich tender {u}");
        var id = await IdOfAsync($"Offline maps {u}");

        var similar = await SimilarAsync(b, $"offline maps {u}");
        var mine = WebUtility.HtmlDecode(await b.GetStringAsync("/Portal/Requests"));
        var vote = await LiftoffFactory.PostFormAsync(b, $"/Portal/Requests?handler=Upvote&id={id}", [],
            "/Portal/Requests");

        Assert.DoesNotContain($"Offline maps {u}", similar, StringComparison.Ordinal);
        Assert.DoesNotContain($"Offline maps {u}", mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, vote.StatusCode);
    }

    [Fact]
    public async Task Shared_OtherOrganisationSeesTitleButNeverTheDescription_EvenAfterVoting()
    {
        var u = U();
        var a = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        var b = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        await SubmitAsync(a, $"Offline maps {u}", $"For the Zurich tender {u}");
        var id = await IdOfAsync($"Offline maps {u}");

        var shared = await ShareAsync(id);
        var before = await SimilarAsync(b, $"offline maps {u}");
        await LiftoffFactory.PostFormAsync(b, $"/Portal/Requests?handler=Upvote&id={id}", [], "/Portal/Requests");
        var mine = WebUtility.HtmlDecode(await b.GetStringAsync("/Portal/Requests"));
        var mineOfA = WebUtility.HtmlDecode(await a.GetStringAsync("/Portal/Requests"));

        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Contains($"Offline maps {u}", before, StringComparison.Ordinal);
        Assert.DoesNotContain($"Zurich tender {u}", before, StringComparison.Ordinal);
        Assert.Contains($"Offline maps {u}", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"Zurich tender {u}", mine, StringComparison.Ordinal);
        Assert.Contains($"Zurich tender {u}", mineOfA, StringComparison.Ordinal);
        Assert.True(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(e => e.Action == "request.shared"
                && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Shared_TitleNamingACodename_IsHiddenFromOthersWhateverTheyType()
    {
        var u = U();
        var codename = await CodenameAsync();
        var a = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        var b = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        await SubmitAsync(a, $"Offline maps {u}", $"Like {codename} does {u}");
        await SubmitAsync(a, $"Offline maps for {codename} {u}", "");
        await ShareAsync(await IdOfAsync($"Offline maps {u}"));
        await ShareAsync(await IdOfAsync($"Offline maps for {codename} {u}"));

        var plain = await SimilarAsync(b, $"offline maps {u}");
        var guess = await SimilarAsync(b, $"offline maps {codename} {u}");
        var wrongGuess = await SimilarAsync(b, $"offline maps Kingfisher {u}");

        Assert.Contains($"Offline maps {u}", plain, StringComparison.Ordinal);
        Assert.DoesNotContain(codename, plain, StringComparison.Ordinal);
        // What B sees does not depend on whether the typed guess is a real codename.
        Assert.Equal(Titles(plain, u), Titles(guess, u));
        Assert.Equal(Titles(plain, u), Titles(wrongGuess, u));
    }

    [Fact]
    public async Task SharedApi_MissingFieldsOrStaleVersion_AreRefused()
    {
        var u = U();
        var a = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        await SubmitAsync(a, $"Offline maps {u}", "");
        var id = await IdOfAsync($"Offline maps {u}");
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var missing = await staff.PutAsJsonAsync($"/api/requests/{id}/shared", new { shared = true });
        var stale = await staff.PutAsJsonAsync($"/api/requests/{id}/shared", new { shared = true, rowVersion = 999 });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.False(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r => r.Id == id).Select(r => r.SharedWithPortal)
            .SingleAsync()));
    }

    [Fact]
    public async Task RequestPage_ShareButton_SharesTheRequest()
    {
        var u = U();
        var a = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        await SubmitAsync(a, $"Offline maps {u}", "");
        var id = await IdOfAsync($"Offline maps {u}");
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var rowVersion = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r => r.Id == id).Select(r => r.RowVersion)
            .SingleAsync());

        var response = await LiftoffFactory.PostFormAsync(staff, $"/Backlog/{id}?handler=Shared",
            new()
            {
                ["shared"] = "true",
                ["RowVersion"] = rowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)
            },
                $"/Backlog/{id}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Stop sharing with all portal users", html, StringComparison.Ordinal);
        Assert.True(await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.Where(r => r.Id == id).Select(r => r.SharedWithPortal)
            .SingleAsync()));
    }

    private static List<string> Titles(string html, string u) =>
        html.Split("<span class=\"suggestion-title\">").Skip(1)
            .Select(s => s[..s.IndexOf('<', StringComparison.Ordinal)])
            .Where(t => t.Contains(u, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
