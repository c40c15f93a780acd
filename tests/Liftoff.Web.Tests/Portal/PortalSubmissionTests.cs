using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Portal;

public sealed partial class PortalSubmissionTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string U() => Guid.NewGuid().ToString("N")[..8];

    private Task<int> CountAsync(string titleStart) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync(r =>
            r.Title.StartsWith(titleStart)));

    /// <summary>The form as the browser got it: antiforgery token and the form's one-time key.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string title, string description)
    {
        var page = await client.GetStringAsync("/Portal/Requests");
        return new()
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
            ["SubmissionKey"] = KeyPattern().Match(page).Groups[1].Value,
            ["Title"] = title,
            ["Description"] = description,
        };
    }

    [Fact]
    public async Task Submit_SameFormTwice_RecordsOneRequest()
    {
        var u = U();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        var form = await FormAsync(client, $"Battery report {u}", "Cycle counts.");

        var first = await client.PostAsync("/Portal/Requests?handler=Submit", new FormUrlEncodedContent(form));
        var second = await client.PostAsync("/Portal/Requests?handler=Submit", new FormUrlEncodedContent(form));

        Assert.Equal(1, await CountAsync($"Battery report {u}"));
        Assert.Contains("was recorded", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Contains("was recorded", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FiveConcurrentCopiesOfOneForm_RecordOneRequest()
    {
        var u = U();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));
        var form = await FormAsync(client, $"Geofence alerts {u}", "");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => client.PostAsync("/Portal/Requests?handler=Submit", new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await CountAsync($"Geofence alerts {u}"));
    }

    [Fact]
    public async Task Submit_TwoFormsWithTheSameTitle_RecordsBoth()
    {
        var u = U();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        await client.PostAsync("/Portal/Requests?handler=Submit",
            new FormUrlEncodedContent(await FormAsync(client, $"Dark mode {u}", "")));
        await client.PostAsync("/Portal/Requests?handler=Submit",
            new FormUrlEncodedContent(await FormAsync(client, $"Dark mode {u}", "")));

        Assert.Equal(2, await CountAsync($"Dark mode {u}"));
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B\u200B")]
    [InlineData("   \t  ")]
    [InlineData("\u0001\u0002\u0003")]
    public async Task Submit_TitleWithoutVisibleCharacters_IsRefusedWithAMessage(string title)
    {
        var u = U();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        var response = await client.PostAsync("/Portal/Requests?handler=Submit",
            new FormUrlEncodedContent(await FormAsync(client, title, $"desc {u}")));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.Contains(RequestIntake.InvisibleTitle, StringComparison.Ordinal)
            || html.Contains("Title field is required", StringComparison.Ordinal), html);
        Assert.Equal(0, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync(r => r.Description == $"desc {u}")));
    }

    [Fact]
    public async Task StaffApi_ZeroWidthTitle_IsRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var org = await factory.CreateOrganisationAsync();

        var response = await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title = "\u200B\u200C\u200D\uFEFF",
                requestor = new { organisationId = org, contactEmail = "z@org.example" }
            });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("zero-width", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ControlCharacters_AreRemovedBeforeStoring()
    {
        var u = U();
        var client = await factory.SignInAsync(await factory.CreateUserAsync(Roles.External));

        var response = await client.PostAsync("/Portal/Requests?handler=Submit",
            new FormUrlEncodedContent(await FormAsync(client, $"Night\u0007 mode\u0008 {u}",
                "one\u0001\r\ntwo\tthree\u001B")));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(html.Contains("was recorded", StringComparison.Ordinal),
            html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        var stored = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.SingleAsync(r => r.Title == $"Night mode {u}"));
        Assert.Equal("one\ntwo\tthree", stored.Description);
    }

    [Fact]
    public async Task StaffApi_NulBytes_AreRemovedBeforeStoring()
    {
        var u = U();
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var org = await factory.CreateOrganisationAsync();

        var response = await staff.PostAsJsonAsync("/api/requests",
            new
            {
                title = $"Map\0 layers {u}",
                description = "a\0b",
                requestor = new { organisationId = org, contactEmail = $"n-{u}@org.example" }
            });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.SingleAsync(r => r.Title == $"Map layers {u}"));
        Assert.Equal("ab", stored.Description);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"SubmissionKey\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex KeyPattern();
}
