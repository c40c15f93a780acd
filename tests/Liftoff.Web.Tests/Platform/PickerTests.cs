using System.Net;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Platform;

/// <summary>Releases and requests are chosen by name in type-ahead pickers; the choice carries the number.</summary>
public sealed class PickerTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task NewsletterForm_TakesThePickedRelease_AndRefusesTextThatIsNoChoiceInWords()
    {
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(api, daysAhead: 40);
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var page = await client.GetStringAsync("/Communications");
        Assert.Contains($"value=\"#{release.Id} {WebUtility.HtmlEncode(release.Title)}\"", page);

        var picked = await LiftoffFactory.PostFormAsync(client, "/Communications?handler=Create", new()
        {
            ["Input.Subject"] = "Picked release",
            ["Input.Audience"] = "Both",
            ["Input.ResellerMarkdown"] = "Hello",
            ["Input.CustomerMarkdown"] = "Hello",
            ["Input.ReleaseId"] = $"#{release.Id} {release.Title}",
        }, "/Communications");
        var refused = await LiftoffFactory.PostFormAsync(client, "/Communications?handler=Create", new()
        {
            ["Input.Subject"] = "Typed words",
            ["Input.Audience"] = "Both",
            ["Input.ResellerMarkdown"] = "Hello",
            ["Input.CustomerMarkdown"] = "Hello",
            ["Input.ReleaseId"] = "the winter one",
        }, "/Communications");

        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choose the release from the list", html);
        Assert.DoesNotContain("ReleaseId", html.Replace("Input_ReleaseId", "", StringComparison.Ordinal)
            .Replace("Input.ReleaseId", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var campaigns = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .NewsletterCampaigns.Where(c => c.Subject == "Picked release" || c.Subject == "Typed words").ToListAsync());
        Assert.Equal(release.Id, Assert.Single(campaigns).ReleaseId);
    }

    [Fact]
    public async Task RequestChoices_MatchNumberOrTitleWords_ForStaffOnly()
    {
        var api = await factory.TokenClientAsync(Roles.Staff);
        var org = await factory.CreateOrganisationAsync();
        var request = await Backlog.BacklogTestData.CreateRequestAsync(api, "Export the flight log <as> PDF", org,
            "p@customer.example");
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var external = await factory.SignedInClientAsync(Roles.External);

        var byWords = await staff.GetStringAsync("/pick/requests?OtherId=flight%20LOG");
        var byNumber = await staff.GetStringAsync($"/pick/requests?OtherId=%23{request.Id}");
        var outsider = await external.GetAsync("/pick/requests?OtherId=flight");

        Assert.Contains($"<option value=\"#{request.Id} Export the flight log &lt;as&gt; PDF\"></option>", byWords);
        Assert.Contains($"#{request.Id} ", byNumber);
        Assert.Equal(HttpStatusCode.Redirect, outsider.StatusCode);
        Assert.Contains("/Account/AccessDenied", outsider.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
