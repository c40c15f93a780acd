using System.Net;
using System.Net.Http.Json;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

public sealed class PlaybooksApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static object Step(string key, int offset, string[]? prerequisites = null, string unit = "days") => new
    {
        key,
        name = $"Step {key}",
        offsetAmount = offset,
        offsetUnit = unit,
        durationDays = 0,
        owners = new[] { "team:delivery" },
        prerequisites = prerequisites ?? [],
        checklist = new[] { "do it" },
    };

    [Fact]
    public async Task List_SeedsTheDefaultPlaybook()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var list = await staff.GetFromJsonAsync<List<PlaybookSummary>>("/api/playbooks", Json);

        var seeded = Assert.Single(list!, p => p.Key == DefaultPlaybook.Create().Key);
        Assert.Equal(DefaultPlaybook.Create().Steps.Count, seeded.StepCount);
    }

    [Fact]
    public async Task Create_AsStaff_IsForbidden_AsLead_Works()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var body = new
        {
            name = "Hardware",
            key = $"hw-{Guid.NewGuid():N}"[..10],
            defaultFor = "hardware",
            steps = new[] { Step("a", -2, unit: "weeks"), Step("b", 0, ["a"]) }
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/playbooks", body)).StatusCode);
        var created = await lead.PostAsJsonAsync("/api/playbooks", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<PlaybookView>(Json);
        Assert.Equal(["a", "b"], view!.Steps.Select(s => s.Key));
    }

    [Fact]
    public async Task Create_BadPlaybooks_AreRefusedWithReasons()
    {
        var lead = await factory.TokenClientAsync(Roles.Lead);

        var empty = await (await lead.PostAsJsonAsync("/api/playbooks",
            new { name = "Empty", steps = Array.Empty<object>() }))
                .Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var cycle = await (await lead.PostAsJsonAsync("/api/playbooks",
            new { name = "Cycle", steps = new[] { Step("a", -1, ["b"]), Step("b", -2, ["a"]) } }))
                .Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var far = await (await lead.PostAsJsonAsync("/api/playbooks",
            new { name = "Far", steps = new[] { Step("a", -53, unit: "weeks") } }))
                .Content.ReadFromJsonAsync<ValidationProblemDetails>();

        Assert.Contains("at least one step", empty!.Errors["steps"][0]);
        Assert.Contains(cycle!.Errors.Values.SelectMany(v => v), m => m.Contains("cycle", StringComparison.Ordinal));
        Assert.Contains("365", far!.Errors["steps[0].offset"][0]);
    }

    [Fact]
    public async Task Update_DoesNotRewriteRunningReleases_UntilApplied()
    {
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var key = $"pb-{Guid.NewGuid():N}"[..10];
        var created = await (await lead.PostAsJsonAsync("/api/playbooks",
            new { name = "Small", key, steps = new[] { Step("a", -14), Step("b", 0, ["a"]) } }))
                .Content.ReadFromJsonAsync<PlaybookView>(Json);
        var response = await lead.PostAsJsonAsync("/api/releases",
            new { product = "hardware", version = key, plannedDate = Date(60), playbookId = created!.Id });
        var release = (await response.Content.ReadFromJsonAsync<ReleaseView>(Json))!;

        var updated = await lead.PutAsJsonAsync($"/api/playbooks/{created.Id}",
            new { name = "Small", steps = new[] { Step("a", -21), Step("c", 3) }, rowVersion = created.RowVersion });
        var unchanged = await lead.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json);
        var applied = await (await lead.PostAsJsonAsync($"/api/releases/{release.Id}/apply-playbook", new { }))
            .Content.ReadFromJsonAsync<ReleaseView>(Json);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(release.Task("a").DueDate, unchanged!.Task("a").DueDate);
        Assert.Equal(2, unchanged!.Tasks.Count);
        Assert.True(applied!.Task("a").DueDate < release.Task("a").DueDate);
        Assert.Equal(RolloutTaskStatus.Skipped, applied!.Task("b").Status);
        Assert.Equal(RolloutTaskStatus.Todo, applied!.Task("c").Status);
    }

    [Fact]
    public async Task Update_StaleRowVersion_Returns409()
    {
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var created = await (await lead.PostAsJsonAsync("/api/playbooks",
            new { name = "Twice", key = $"tw-{Guid.NewGuid():N}"[..10], steps = new[] { Step("a", -1) } }))
                .Content.ReadFromJsonAsync<PlaybookView>(Json);

        var first = await lead.PutAsJsonAsync($"/api/playbooks/{created!.Id}",
            new { name = "First", steps = new[] { Step("a", -2) }, rowVersion = created.RowVersion });
        var second = await lead.PutAsJsonAsync($"/api/playbooks/{created.Id}",
            new { name = "Second", steps = new[] { Step("a", -3) }, rowVersion = created.RowVersion });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }
}
