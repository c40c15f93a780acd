using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

/// <summary>The playbook form: one row per step, validated by the PlaybookValidator, never touching running
/// releases.</summary>
public sealed partial class PlaybookEditorTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Step(string Key, string Name, string Amount, string Unit, string Direction,
        string Duration = "0",
        string[]? Owners = null, string Condition = "", string[]? Prerequisites = null, string Description = "",
            string Checklist = "");

    [Fact]
    public async Task Save_ValidForm_StoresEveryStepField()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var key = NewKey();

        var response = await SaveAsync(lead, "/Playbooks/Edit", key,
            new Step("prep", "Prepare", "3", "weeks", "before", Owners: ["lead:delivery"],
                Checklist: "Book room\nInvite leads"),
            new Step("handover", "Field handover", "2", "days", "before",
                Owners: ["team:customer-success", "team:delivery"], Condition: "SignificantChanges=true",
                    Prerequisites: ["prep"], Description: "Hand over to the field."),
            new Step("surge", "Support surge", "0", "days", "after", Duration: "14",
                Owners: ["team:customer-success"]));

        Assert.Contains("Playbook saved.", await response.Content.ReadAsStringAsync());
        var stored = await GetAsync(key);
        Assert.Equal(["prep", "handover", "surge"], stored.Steps.Select(s => s.Key));
        var prep = stored.Steps[0];
        Assert.Equal((-3, "Weeks"), (prep.OffsetAmount, prep.OffsetUnit));
        Assert.Equal(["lead:delivery"], prep.Owners);
        Assert.Equal(["Book room", "Invite leads"], prep.Checklist);
        var handover = stored.Steps[1];
        Assert.Equal((-2, "Days", "SignificantChanges", "true"),
            (handover.OffsetAmount, handover.OffsetUnit, handover.ConditionField, handover.ConditionValue));
        Assert.Equal(["prep"], handover.Prerequisites);
        Assert.Equal(["team:customer-success", "team:delivery"], handover.Owners.Order());
        Assert.Equal("Hand over to the field.", handover.Description);
        Assert.Equal((0, 14), (stored.Steps[2].OffsetAmount, stored.Steps[2].DurationDays));
    }

    [Fact]
    public async Task Save_OffsetBeyond365Days_ShowsMessageAtTheStepAndChangesNothing()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var (id, key) = await CreateAsync();

        var response = await SaveAsync(lead, $"/Playbooks/Edit/{id}", key,
            new Step("a", "Kick-off", "53", "weeks", "before", Owners: ["team:delivery"]));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The playbook was not saved", html);
        Assert.Matches(FieldError("The offset 53 weeks before is more than 365 days from the release date."), html);
        Assert.Equal(-1, (await GetAsync(key)).Steps.Single().OffsetAmount);
    }

    [Fact]
    public async Task Save_PrerequisiteCycle_NamesTheCycleAndChangesNothing()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var (id, key) = await CreateAsync();

        var response = await SaveAsync(lead, $"/Playbooks/Edit/{id}", key,
            new Step("a", "First", "2", "weeks", "before", Owners: ["team:delivery"], Prerequisites: ["b"]),
            new Step("b", "Second", "1", "weeks", "before", Owners: ["team:delivery"], Prerequisites: ["a"]));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches(FieldError("Prerequisites form a cycle: a → b → a."), html);
        Assert.Single((await GetAsync(key)).Steps);
    }

    [Fact]
    public async Task Save_UnknownPrerequisiteOrBadNumbers_ShowsEachMessageAndChangesNothing()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var (id, key) = await CreateAsync();

        var response = await SaveAsync(lead, $"/Playbooks/Edit/{id}", key,
            new Step("a", "First", "two", "weeks", "before", Duration: "-3", Owners: ["team:delivery"],
                Prerequisites: ["ghost"]));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches(FieldError("The prerequisite 'ghost' is not a step of this playbook."), html);
        Assert.Matches(FieldError("The offset 'two' must be a whole number of days or weeks (0 for the release day)."),
            html);
        Assert.Matches(FieldError("The duration '-3' must be a whole number of days (0 for a single day)."), html);
        Assert.Equal("Only step", (await GetAsync(key)).Steps.Single().Name);
    }

    [Fact]
    public async Task Save_NoSteps_SaysAStepIsNeededAndChangesNothing()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var (id, key) = await CreateAsync();

        var response = await SaveAsync(lead, $"/Playbooks/Edit/{id}", key);

        Assert.Contains("The playbook needs at least one step.", await response.Content.ReadAsStringAsync());
        Assert.Single((await GetAsync(key)).Steps);
    }

    [Fact]
    public async Task Rows_AddMoveRemove_ChangeTheFormOnly()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var (id, key) = await CreateAsync();
        var url = $"/Playbooks/Edit/{id}";
        var steps = new[]
        {
            new Step("a", "Alpha", "2", "weeks", "before", Owners: ["team:delivery"]),
            new Step("b", "Bravo", "1", "weeks", "before", Owners: ["team:delivery"], Prerequisites: ["a"]),
        };

        var added = await PostAsync(lead, $"{url}?handler=Rows", Fields(key, steps).Append(new("command", "add")), url);
        var moved = await PostAsync(lead, $"{url}?handler=Rows", Fields(key, steps).Append(new("command", "up:1")),
            url);
        var removed = await PostAsync(lead, $"{url}?handler=Rows",
            Fields(key, steps).Append(new("command", "remove:0")), url);

        var addedHtml = await added.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Steps[2].Key\" value=\"step-3\"", addedHtml);
        var movedHtml = await moved.Content.ReadAsStringAsync();
        Assert.True(movedHtml.IndexOf("value=\"Bravo\"", StringComparison.Ordinal) < movedHtml.IndexOf(
            "value=\"Alpha\"", StringComparison.Ordinal));
        var removedHtml = await removed.Content.ReadAsStringAsync();
        Assert.DoesNotContain("value=\"Alpha\"", removedHtml);
        Assert.DoesNotContain("<option value=\"a\" selected", removedHtml);
        Assert.Equal("Only step", (await GetAsync(key)).Steps.Single().Name);
    }

    [Fact]
    public async Task Save_PlaybookOfARunningRelease_KeepsItsTasksAndOffersToApply()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var (id, key) = await CreateAsync();
        var created = await api.PostAsJsonAsync("/api/releases",
            new
            {
                product = "software",
                version = $"e{Guid.NewGuid():N}"[..10],
                plannedDate = Date(60),
                playbookId = id
            });
        var release = (await created.Content.ReadFromJsonAsync<ReleaseView>(Json))!;

        var response = await SaveAsync(lead, $"/Playbooks/Edit/{id}", key,
            new Step("only", "Renamed step", "3", "days", "before", Owners: ["team:delivery"]));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("1 running release planned from it keeps its current tasks", html);
        Assert.Contains($"action=\"/Releases/{release.Id}?handler=ApplyPlaybook\"", html);
        var after = (await api.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;
        Assert.Equal("Only step", after.Tasks.Single().Name);
    }

    private async Task<(int Id, string Key)> CreateAsync()
    {
        var key = NewKey();
        var view = await factory.WithScopeAsync(sp => sp.GetRequiredService<PlaybookLibrary>()
            .CreateAsync(new PlaybookInput(key, $"Playbook {key}", null,
            [new PlaybookStepInput("only", "Only step", -1, "days", 0, ["team:delivery"], null, null, [], "", [])])));
        Assert.True(view.IsOk, view.Message);
        return (view.Value!.Id, key);
    }

    private Task<PlaybookView> GetAsync(string key) => factory.WithScopeAsync(async sp =>
    {
        var id = await sp.GetRequiredService<AppDbContext>().Playbooks.Where(p => p.Key == key).Select(p => p.Id)
            .SingleAsync();
        return (await sp.GetRequiredService<PlaybookLibrary>().GetAsync(id))!;
    });

    private static string NewKey() => $"pb-{Guid.NewGuid():N}"[..15];

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, string key,
        params Step[] steps) =>
        PostAsync(client, url, Fields(key, steps));

    private static IEnumerable<KeyValuePair<string, string>> Fields(string key, Step[] steps)
    {
        yield return new("Name", $"Playbook {key}");
        yield return new("Key", key);
        for (var i = 0; i < steps.Length; i++)
        {
            var s = steps[i];
            var p = $"Steps[{i}]";
            yield return new($"{p}.Key", s.Key);
            yield return new($"{p}.Name", s.Name);
            yield return new($"{p}.OffsetAmount", s.Amount);
            yield return new($"{p}.OffsetUnit", s.Unit);
            yield return new($"{p}.OffsetDirection", s.Direction);
            yield return new($"{p}.DurationDays", s.Duration);
            yield return new($"{p}.Condition", s.Condition);
            yield return new($"{p}.Description", s.Description);
            yield return new($"{p}.Checklist", s.Checklist);
            foreach (var o in s.Owners ?? [])
            {
                yield return new($"{p}.Owners", o);
            }
            foreach (var pre in s.Prerequisites ?? [])
            {
                yield return new($"{p}.Prerequisites", pre);
            }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? url);
        var pairs = fields.ToList();
        pairs.Add(new("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value));
        return await client.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    /// <summary>The message shown as a field error (next to its field), not only in a summary.</summary>
    private static string FieldError(string message) => $"<p class=\"field-error\">{Regex.Escape(message)}</p>";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
