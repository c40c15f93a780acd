using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

public sealed class TasksApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task Done_BeforePrerequisites_IsRefusedNamingTheMissingOne()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var kbIteration = release.Task(DefaultPlaybook.KbIteration);

        var response = await staff.PostAsJsonAsync($"/api/tasks/{kbIteration.Id}/status", new { status = "done" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("Announce the release in the knowledge base", problem!.Errors["status"][0]);
        var task = await staff.GetFromJsonAsync<TaskDetail>($"/api/tasks/{kbIteration.Id}", Json);
        Assert.Equal(RolloutTaskStatus.Todo, task!.Task.Status);
    }

    [Fact]
    public async Task Done_AfterPrerequisitesDoneOrSkipped_Succeeds()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.ContentDiscussion).Id}/status",
            new { status = "done" });
        await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.InternalNotesReview).Id}/status",
            new { status = "skipped", skipNote = "Covered in the content meeting" });
        var response = await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}/status",
            new { status = "done" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var skipped = await staff.GetFromJsonAsync<TaskDetail>(
            $"/api/tasks/{release.Task(DefaultPlaybook.InternalNotesReview).Id}", Json);
        Assert.Equal(SkipReason.Manual, skipped!.Task.SkipReason);
        Assert.Equal("Covered in the content meeting", skipped.Task.SkipNote);
    }

    [Fact]
    public async Task Skip_WithoutReason_IsRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        var response = await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.KbIteration).Id}/status",
            new { status = "skipped" });

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("skipNote", problem!.Errors.Keys);
    }

    [Fact]
    public async Task Status_StaleRowVersion_Returns409()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var task = release.Task(DefaultPlaybook.ContentDiscussion);

        var first = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/status",
            new { status = "inprogress", rowVersion = task.RowVersion });
        var second = await staff.PostAsJsonAsync($"/api/tasks/{task.Id}/status",
            new { status = "done", rowVersion = task.RowVersion });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("in progress", (await second.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task CommentsAndEvidence_AreKept_AndBadLinksRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var id = release.Task(DefaultPlaybook.KbAnnouncement).Id;

        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/tasks/{id}/comments",
            new { body = "Draft is ready" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/tasks/{id}/evidence",
            new { url = "https://kb.example/articles/5-2", note = "published" })).StatusCode);
        var bad = await staff.PostAsJsonAsync($"/api/tasks/{id}/evidence", new { url = "javascript:alert(1)" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var detail = await staff.GetFromJsonAsync<TaskDetail>($"/api/tasks/{id}", Json);
        Assert.Equal("Draft is ready", Assert.Single(detail!.Comments).Body);
        Assert.Equal("https://kb.example/articles/5-2", Assert.Single(detail.Evidence).Url);
    }

    [Fact]
    public async Task Assign_OnlyOwnerTeamMembers()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var member = await factory.CreateUserAsync(Roles.Staff);
        var outsider = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, lead.Id, member.Id);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var id = release.Task(DefaultPlaybook.Newsletter).Id;

        var ok = await staff.PutAsJsonAsync($"/api/tasks/{id}/assignee", new { userId = member.Id });
        var refused = await staff.PutAsJsonAsync($"/api/tasks/{id}/assignee", new { userId = outsider.Id });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(lead.Id, release.Task(DefaultPlaybook.ContentDiscussion).AssigneeUserId
            ?? (await staff.GetFromJsonAsync<TaskDetail>(
                $"/api/tasks/{release.Task(DefaultPlaybook.ContentDiscussion).Id}", Json))!.Task.AssigneeUserId);
    }

    [Fact]
    public async Task CompleteByStepKey_RespectsGates_ThenCompletes()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        Task<PlanTaskResult> CompleteAsync(string step) => factory.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<PlanTaskCompletion>()
                .CompleteAsync(release.Id, step, null, "newsletter sent");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return result;
        });

        var blocked = await CompleteAsync(DefaultPlaybook.Newsletter);
        await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.ContentDiscussion).Id}/status",
            new { status = "done" });
        await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.InternalNotesReview).Id}/status",
            new { status = "done" });
        var done = await CompleteAsync(DefaultPlaybook.Newsletter);
        var again = await CompleteAsync(DefaultPlaybook.Newsletter);
        var missing = await CompleteAsync(DefaultPlaybook.FieldHandover);
        var evidence = await staff.PostAsJsonAsync($"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}/evidence",
            new { url = "https://mail.example/newsletter/52", note = "sent" });

        Assert.Equal(PlanTaskResult.Gated, blocked);
        Assert.Equal(PlanTaskResult.Completed, done);
        Assert.Equal(PlanTaskResult.AlreadyClosed, again);
        Assert.Equal(PlanTaskResult.NoSuchTask, missing);
        var task = (await staff.GetFromJsonAsync<TaskDetail>(
            $"/api/tasks/{release.Task(DefaultPlaybook.Newsletter).Id}", Json))!;
        Assert.Equal(RolloutTaskStatus.Done, task.Task.Status);
        Assert.Equal(HttpStatusCode.Created, evidence.StatusCode);
        var stored = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTaskEvidence.Where(e => e.TaskId == task.Task.Id).CountAsync());
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task ClosedRelease_TasksCannotChange()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status = "cancelled" });

        var response = await staff.PostAsJsonAsync(
            $"/api/tasks/{release.Task(DefaultPlaybook.ContentDiscussion).Id}/status", new { status = "done" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
