using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

public sealed class ReleaseShippingTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string Status(int id) => $"/api/releases/{id}/status";

    [Fact]
    public async Task SetStatus_ReleasedWithUndecidedPreReleaseTasks_Returns422NamingThemAndChangesNothing()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var newsletter = release.Task(DefaultPlaybook.Newsletter);

        var response = await staff.PostAsJsonAsync(Status(release.Id), new
        {
            status = "released",
            rowVersion = release.RowVersion,
            decisions = new[] { new { taskId = newsletter.Id, decision = "skip", reason = "" } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var messages = string.Join(" ", problem!.Errors["decisions"]);
        Assert.Contains($"'{release.Task(DefaultPlaybook.ContentDiscussion).Name}'", messages);
        Assert.Contains($"Say why '{newsletter.Name}' is skipped", messages);
        Assert.DoesNotContain($"'{release.Task(DefaultPlaybook.LendingShopUpdate).Name}'", messages);
        var after = (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;
        Assert.Equal(ReleaseStatus.Planned, after.Status);
        Assert.Equal(release.RowVersion, after.RowVersion);
        Assert.All(after.Tasks, t => Assert.Equal(RolloutTaskStatus.Todo, t.Status));
        Assert.Equal(0, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().LendingShopDeliveries.CountAsync(d => d.ReleaseId == release.Id)));
    }

    [Fact]
    public async Task SetStatus_ReleasedWithDecisions_AppliesDoneInPrerequisiteOrderAndAuditsSkips()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var pre = release.Tasks.Where(t => t.OffsetDays < 0).ToList();
        // Dependants first: the submission's order must not matter.
        var decisions = pre.OrderByDescending(t => t.Prerequisites.Count).Select(t =>
            t.StepKey == DefaultPlaybook.Newsletter
            ? new { taskId = t.Id, decision = "skip", reason = "Newsletter went out with the previous release" }
            : new { taskId = t.Id, decision = "done", reason = "" }).ToList();

        var response = await staff.PostAsJsonAsync(Status(release.Id),
            new { status = "released", rowVersion = release.RowVersion, tellRequestors = false, decisions });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await response.Content.ReadFromJsonAsync<ReleaseView>(Json))!;
        Assert.Equal(ReleaseStatus.Released, after.Status);
        Assert.Equal(RolloutTaskStatus.Skipped, after.Task(DefaultPlaybook.Newsletter).Status);
        Assert.Equal("Newsletter went out with the previous release", after.Task(DefaultPlaybook.Newsletter).SkipNote);
        Assert.All(after.Tasks.Where(t => t.OffsetDays < 0 && t.StepKey != DefaultPlaybook.Newsletter),
            t => Assert.Equal(RolloutTaskStatus.Done, t.Status));
        Assert.Equal(RolloutTaskStatus.Todo, after.Task(DefaultPlaybook.SupportSurge).Status);
        var audits = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.Where(a => a.Action == "task.status" && a.Details.Contains(
                "decided when the release was marked released")
                && a.Details.Contains($"{release.Product} {release.Version} /")).Select(a => a.Details).ToListAsync());
        Assert.Equal(pre.Count, audits.Count);
        Assert.Contains(audits, a => a.Contains("Newsletter went out with the previous release"));
    }

    [Fact]
    public async Task SetStatus_DecisionForAPostReleaseTask_IsRefusedNamingIt()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var decisions = release.Tasks.Where(t => t.OffsetDays < 0)
            .Select(t => new { taskId = t.Id, decision = "done", reason = "" })
            .Append(new { taskId = release.Task(DefaultPlaybook.SupportSurge).Id, decision = "done", reason = "" })
            .ToList();

        var response = await staff.PostAsJsonAsync(Status(release.Id), new { status = "released", decisions });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is not an open pre-release task", await response.Content.ReadAsStringAsync());
        Assert.Equal(ReleaseStatus.Planned, (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}",
            Json))!.Status);
    }

    [Fact]
    public async Task TaskStatus_AfterRelease_PostReleaseStepWorkable_PreReleaseStepRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await MarkReleasedAsync(staff, release.Id)).StatusCode);

        var surge = await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.SupportSurge).Id}/status",
            new { status = "done" });
        var newsletter = await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}/status",
            new { status = "done" });

        Assert.Equal(HttpStatusCode.OK, surge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, newsletter.StatusCode);
        Assert.Contains("has shipped", await newsletter.Content.ReadAsStringAsync());
        var task = await staff.GetFromJsonAsync<TaskDetail>(
            $"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}", Json);
        Assert.Equal(RolloutTaskStatus.Skipped, task!.Task.Status);
    }

    [Fact]
    public async Task Reopen_ByOwnerOrLeadWithReason_BackToTodoAndAudited_RefusedForOthersAndWithoutReason()
    {
        var owner = await factory.CreateUserAsync(Roles.Staff);
        var outsider = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, null, owner.Id);
        var ownerClient = await factory.TokenClientAsync(owner);
        var outsiderClient = await factory.TokenClientAsync(outsider);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var release = await CreateReleaseAsync(ownerClient);
        Assert.Equal(HttpStatusCode.OK, (await MarkReleasedAsync(ownerClient, release.Id)).StatusCode);
        var surge = release.Task(DefaultPlaybook.SupportSurge).Id;
        await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/status", new { status = "done" });

        var byOutsider = await outsiderClient.PostAsJsonAsync($"/api/tasks/{surge}/reopen",
            new { reason = "Wrong button" });
        var noReason = await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/reopen", new { reason = " " });
        var byOwner = await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/reopen",
            new { reason = "Tickets still rising" });
        await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/status",
            new { status = "skipped", skipNote = "Quiet week" });
        var byLead = await lead.PostAsJsonAsync($"/api/tasks/{surge}/reopen", new { reason = "Not quiet after all" });
        var preRelease = await lead.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}/reopen",
            new { reason = "Send it anyway" });
        var plainTodo = await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/status", new { status = "done" });
        var viaStatus = await ownerClient.PostAsJsonAsync($"/api/tasks/{surge}/status", new { status = "todo" });

        Assert.Equal(HttpStatusCode.BadRequest, byOutsider.StatusCode);
        Assert.Contains("Only the owners of", await byOutsider.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("is reopened", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
        Assert.Equal(RolloutTaskStatus.Todo, (await byLead.Content.ReadFromJsonAsync<TaskView>(Json))!.Status);
        Assert.Equal(HttpStatusCode.BadRequest, preRelease.StatusCode);
        Assert.Contains("has shipped", await preRelease.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, plainTodo.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, viaStatus.StatusCode);
        Assert.Contains("reopen it with a reason", await viaStatus.Content.ReadAsStringAsync());
        var reasons = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.Where(a => a.Action == "task.reopened" && a.TargetId == surge.ToString())
                .Select(a => a.Details)
                .ToListAsync());
        Assert.Equal(2, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("Tickets still rising"));
        Assert.Contains(reasons, r => r.Contains("Not quiet after all"));
    }

    [Fact]
    public async Task ReleasePage_StatusForm_ListsOpenPreReleaseTasksAndTellsRequestorsByDefault()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var browser = await factory.SignInAsync(user);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        var html = await browser.GetStringAsync($"/Releases/{release.Id}");

        Assert.Matches(
            "<input id=\"TellRequestors\" name=\"TellRequestors\" type=\"checkbox\" value=\"true\" " +
            "checked=\"checked\"", html);
        Assert.Contains($"aria-label=\"Decision for {release.Task(DefaultPlaybook.ContentDiscussion).Name}\"", html);
        Assert.DoesNotContain($"aria-label=\"Decision for {release.Task(DefaultPlaybook.SupportSurge).Name}\"", html);
    }

    [Fact]
    public async Task ReleasePage_ReleasedWithAnUndecidedTask_ShowsTheTaskAndKeepsTheRelease()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var browser = await factory.SignInAsync(user);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var form = new Dictionary<string, string>
        {
            ["Status"] = "released",
            ["RowVersion"] = release.RowVersion.ToString()
        };
        var pre = release.Tasks.Where(t => t.OffsetDays < 0).ToList();
        for (var i = 0; i < pre.Count; i++)
        {
            form[$"Decisions[{i}].TaskId"] = pre[i].Id.ToString();
            if (pre[i].StepKey != DefaultPlaybook.KbIteration)
            {
                form[$"Decisions[{i}].Decision"] = "skip";
                form[$"Decisions[{i}].Reason"] = "Not this time";
            }
        }

        var response = await LiftoffFactory.PostFormAsync(browser, $"/Releases/{release.Id}?handler=Status", form,
            $"/Releases/{release.Id}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Decide each open pre-release task", html);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(
            $"'{release.Task(DefaultPlaybook.KbIteration).Name}'"),
            html);
        var after = (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;
        Assert.Equal(ReleaseStatus.Planned, after.Status);
        Assert.All(after.Tasks, t => Assert.Equal(RolloutTaskStatus.Todo, t.Status));
    }
}
