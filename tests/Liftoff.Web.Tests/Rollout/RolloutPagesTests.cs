using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

public sealed partial class RolloutPagesTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task CreateForm_ValidRelease_RedirectsToTimeline()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var response = await LiftoffFactory.PostFormAsync(client, "/Releases", new()
        {
            ["Product"] = "software",
            ["Version"] = $"p{Guid.NewGuid():N}"[..9],
            ["PlannedDate"] = Date(40),
            ["SignificantChanges"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("<svg", html);
        Assert.Contains("Field handover day", html);
        Assert.Contains("release week", html);
        Assert.Contains("today-line", html);
    }

    [Fact]
    public async Task CreateForm_InvalidDate_ShowsWhyAndCreatesNothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var version = $"x{Guid.NewGuid():N}"[..9];

        var response = await LiftoffFactory.PostFormAsync(client, "/Releases",
            new() { ["Product"] = "software", ["Version"] = version, ["PlannedDate"] = "2026-02-31" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a valid date", await response.Content.ReadAsStringAsync());
        var api = await factory.TokenClientAsync(Roles.Staff);
        Assert.DoesNotContain(await api.GetFromJsonAsync<List<ReleaseSummary>>("/api/releases", Json) ?? [],
            r => r.Version == version);
    }

    [Fact]
    public async Task DetailPage_MoveAndGatedDone_ShowNewDatesAndTheMissingPrerequisite()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(api, daysAhead: 50);
        var url = $"/Releases/{release.Id}";
        var newDate = release.PlannedDate.AddDays(7);

        var moved = await LiftoffFactory.PostFormAsync(client, $"{url}?handler=Move",
            new() { ["NewDate"] = newDate.ToString("yyyy-MM-dd"), ["RowVersion"] = release.RowVersion.ToString() },
                url);
        // Post/redirect/get: the message survives the redirect, a reload does not move the release again.
        var movedHtml = moved.StatusCode == HttpStatusCode.Redirect
            ? await client.GetStringAsync(moved.Headers.Location!.OriginalString)
            : await moved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var kb = (await api.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!.Task(
            DefaultPlaybook.KbIteration);
        var gated = await LiftoffFactory.PostFormAsync(client, $"{url}?handler=Task&taskId={kb.Id}",
            new() { ["Status"] = "done", ["TaskVersion"] = kb.RowVersion.ToString() }, url);
        var gatedHtml = WebUtility.HtmlDecode(await gated.Content.ReadAsStringAsync());

        Assert.Contains("Release moved", movedHtml);
        Assert.Contains(newDate.ToString("yyyy-MM-dd"), movedHtml);
        Assert.Contains("cannot be marked done before its prerequisite 'Announce the release in the knowledge base'",
            gatedHtml);
    }

    [Fact]
    public async Task DetailPage_TaskChangeFromThePage_ReturnsOnlyThePlan_AndAGatedTaskSaysWhatItWaitsFor()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(api, daysAhead: 50);
        var url = $"/Releases/{release.Id}";
        var kb = release.Task(DefaultPlaybook.KbIteration);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=Task&taskId={kb.Id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Status"] = "inprogress",
                ["TaskVersion"] = kb.RowVersion.ToString(),
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        var plan = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Waits for: Announce the release in the knowledge base", page);
        Assert.DoesNotContain("aria-label=\"Mark done: Iterate the knowledge base\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<div id=\"plan-body\">", plan.Trim());
        Assert.DoesNotContain("<html", plan);
        Assert.Contains($"'{kb.Name}' is now in progress.", plan);
        Assert.DoesNotContain("role=\"alert\"", plan);
    }

    [Fact]
    public async Task DetailPage_StaleVersion_ShowsConflictWithCurrentState()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(api, daysAhead: 50);
        var url = $"/Releases/{release.Id}";
        await api.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = release.PlannedDate.AddDays(1).ToString("yyyy-MM-dd") });

        var response = await LiftoffFactory.PostFormAsync(client, $"{url}?handler=Move",
            new()
            {
                ["NewDate"] = release.PlannedDate.AddDays(9).ToString("yyyy-MM-dd"),
                ["RowVersion"] = release.RowVersion.ToString()
            }, url);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this release meanwhile", html);
        Assert.Contains(release.PlannedDate.AddDays(1).ToString("yyyy-MM-dd"), html);
    }

    [Fact]
    public async Task Dashboard_ListsUpcomingReleasesWithPhaseAndOverdueCount()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(api, daysAhead: 10, version: $"d{Guid.NewGuid():N}"[..9]);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"/Releases/{release.Id}", html);
        Assert.Contains("2 weeks before", html);
        Assert.Matches(OverduePattern(), html);
    }

    [Theory]
    [InlineData("/Releases")]
    [InlineData("/Tasks/MyWeek")]
    [InlineData("/Tasks/Board")]
    [InlineData("/Calendar")]
    [InlineData("/Playbooks")]
    public async Task Pages_Staff_Render(string path)
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PlaybookEditor_Staff_IsRefused_Lead_SeesIt()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var lead = await factory.SignedInClientAsync(Roles.Lead);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/Playbooks/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/Playbooks/Edit")).StatusCode);
    }

    [GeneratedRegex(@"\d+ overdue")]
    private static partial Regex OverduePattern();
}
