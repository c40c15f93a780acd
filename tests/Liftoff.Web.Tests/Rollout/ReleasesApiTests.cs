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

public sealed class ReleasesApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task Create_DefaultPlaybook_InstantiatesTasksRelativeToTheDate()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var release = await CreateReleaseAsync(staff, significant: false, daysAhead: 60);

        Assert.Equal(ReleaseStatus.Planned, release.Status);
        Assert.Equal(DefaultPlaybook.Create().Steps.Count - 1, release.Tasks.Count);
        Assert.DoesNotContain(release.Tasks, t => t.StepKey == DefaultPlaybook.FieldHandover);
        var newsletter = release.Task(DefaultPlaybook.Newsletter);
        Assert.True(newsletter.DueDate <= release.PlannedDate.AddDays(-14));
        Assert.True(newsletter.DueDate > release.PlannedDate.AddDays(-17),
            "moved back at most to the previous working day");
        var surge = release.Task(DefaultPlaybook.SupportSurge);
        Assert.Equal(release.PlannedDate, surge.WindowStart);
        Assert.Equal(release.PlannedDate.AddDays(13), surge.WindowEnd);
    }

    [Fact]
    public async Task Create_Significant_AddsFieldHandover()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var release = await CreateReleaseAsync(staff, significant: true);

        Assert.Contains(release.Tasks, t => t.StepKey == DefaultPlaybook.FieldHandover);
    }

    [Theory]
    [InlineData("2025-02-30", "plannedDate")]
    [InlineData("not a date", "plannedDate")]
    [InlineData("0202-01-01", "plannedDate")]
    [InlineData("", "plannedDate")]
    public async Task Create_InvalidDate_ReturnsValidationProblemNamingTheField(string date, string field)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync("/api/releases",
            new { product = "software", version = $"bad-{Guid.NewGuid():N}"[..12], plannedDate = date });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Create_UnknownProductAndMissingVersion_NamesBothFields()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync("/api/releases",
            new { product = "firmware", plannedDate = Date(30) });

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("product", problem!.Errors.Keys);
        Assert.Contains("version", problem.Errors.Keys);
    }

    [Fact]
    public async Task Move_OpenTasksFollow_DoneTasksKeepTheirDates()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, daysAhead: 60);
        var discussion = release.Task(DefaultPlaybook.ContentDiscussion);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/tasks/{discussion.Id}/status",
            new { status = "done" })).StatusCode);
        release = (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = release.PlannedDate.AddDays(14).ToString("yyyy-MM-dd"), rowVersion = release.RowVersion });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<ReleaseView>(Json))!;
        Assert.Equal(release.PlannedDate.AddDays(14), moved.PlannedDate);
        Assert.Equal(discussion.DueDate, moved.Task(DefaultPlaybook.ContentDiscussion).DueDate);
        var newsletterBefore = release.Task(DefaultPlaybook.Newsletter).DueDate;
        Assert.Equal(newsletterBefore.AddDays(14), moved.Task(DefaultPlaybook.Newsletter).DueDate);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "release.moved" && a.TargetId == release.Id.ToString()));
        Assert.True(audited);
    }

    [Fact]
    public async Task Move_TellsOwnersThroughTheOutbox_OnceEach()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var member = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, lead.Id, member.Id);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, daysAhead: 60);

        await staff.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = release.PlannedDate.AddDays(7).ToString("yyyy-MM-dd") });

        var mails = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Outbox.Where(m => m.Kind == "rollout.plan-changed" && m.DeduplicationKey!.StartsWith(
                $"rollout-change:{release.Id}:")).ToListAsync());
        Assert.Contains(mails, m => m.ToAddress == member.Email);
        Assert.Contains(mails, m => m.ToAddress == lead.Email);
        Assert.Equal(mails.Count, mails.Select(m => m.ToAddress).Distinct().Count());
        Assert.Contains("Newsletter", mails.First(m => m.ToAddress == member.Email).TextBody);
    }

    [Theory]
    [InlineData("released")]
    [InlineData("cancelled")]
    public async Task Move_ClosedRelease_IsRefusedAndNothingChanges(string status)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var settled = status == "released"
            ? await MarkReleasedAsync(staff, release.Id)
            : await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status });
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = release.PlannedDate.AddDays(3).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("cannot be moved", problem!.Errors["status"][0]);
        var after = await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json);
        Assert.Equal(release.PlannedDate, after!.PlannedDate);
        Assert.Equal(release.Tasks.Select(t => t.DueDate), after.Tasks.Select(t => t.DueDate));
    }

    [Fact]
    public async Task Move_IntoThePast_IsRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/move", new { newDate = Date(-3) });

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("newDate", problem!.Errors.Keys);
    }

    [Fact]
    public async Task Update_StaleRowVersion_Returns409WithCurrentState_AndKeepsFirstEdit()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);

        var first = await staff.PutAsJsonAsync($"/api/releases/{release.Id}",
            new
            {
                version = release.Version,
                contentSummary = "First",
                significantChanges = false,
                rowVersion = release.RowVersion
            });
        var second = await staff.PutAsJsonAsync($"/api/releases/{release.Id}",
            new
            {
                version = release.Version,
                contentSummary = "Second",
                significantChanges = false,
                rowVersion = release.RowVersion
            });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains(release.PlannedDate.ToString("yyyy-MM-dd"), problem!.Detail);
        var after = await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json);
        Assert.Equal("First", after!.ContentSummary);
    }

    [Fact]
    public async Task Update_SignificanceToggled_SkipsThenReopensFieldHandover()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, significant: true);

        var off = await (await staff.PutAsJsonAsync($"/api/releases/{release.Id}",
            new { version = release.Version, significantChanges = false }))
                .Content.ReadFromJsonAsync<ReleaseView>(Json);
        var on = await (await staff.PutAsJsonAsync($"/api/releases/{release.Id}",
            new { version = release.Version, significantChanges = true })).Content.ReadFromJsonAsync<ReleaseView>(Json);

        Assert.Equal(RolloutTaskStatus.Skipped, off!.Task(DefaultPlaybook.FieldHandover).Status);
        Assert.Equal(SkipReason.ConditionNotMet, off!.Task(DefaultPlaybook.FieldHandover).SkipReason);
        Assert.Equal(RolloutTaskStatus.Todo, on!.Task(DefaultPlaybook.FieldHandover).Status);
    }

    [Fact]
    public async Task Update_NotSignificantBecomesSignificant_AddsFieldHandover()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff, significant: false);

        var on = await (await staff.PutAsJsonAsync($"/api/releases/{release.Id}",
            new { version = release.Version, significantChanges = true })).Content.ReadFromJsonAsync<ReleaseView>(Json);

        Assert.Equal(RolloutTaskStatus.Todo, on!.Task(DefaultPlaybook.FieldHandover).Status);
    }

    [Fact]
    public async Task SetStatus_AfterReleased_CannotChangeAgain()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status = "in progress" });
        await MarkReleasedAsync(staff, release.Id);

        var response = await staff.PostAsJsonAsync($"/api/releases/{release.Id}/status", new { status = "planned" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReleaseStatus.Released, (await staff.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}",
            Json))!.Status);
    }

    [Fact]
    public async Task UnknownIds_Return404()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/releases/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/releases/987654/move",
            new { newDate = Date(40) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/tasks/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/tasks/987654/status",
            new { status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/playbooks/987654")).StatusCode);
    }

    [Fact]
    public async Task List_ActiveOnly_ShowsPhaseAndOverdueCounts()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        // 10 days ahead: the four-weeks-before tasks are already overdue.
        var release = await CreateReleaseAsync(staff, daysAhead: 10);

        var list = await staff.GetFromJsonAsync<List<ReleaseSummary>>("/api/releases?active=true", Json);

        var row = list!.Single(r => r.Id == release.Id);
        Assert.Equal(RolloutPhase.TwoWeeksBefore, row.Phase);
        Assert.True(row.OverdueTasks >= 2);
    }
}
