using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Rollout;

/// <summary>Working days and holidays kept by Admins in the database and used wherever tasks are dated.</summary>
public sealed partial class WorkspaceCalendarTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static readonly string[] MondayToFriday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    [Fact]
    public async Task CalendarPage_NothingSaved_ShowsConfigurationDefaults()
    {
        await ResetAsync();
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = await admin.GetStringAsync("/Workspace/Calendar");

        Assert.Contains("Nothing is saved yet", html);
        Assert.Contains("id=\"day-Monday\" name=\"WorkingDays\" value=\"Monday\" checked", html);
        Assert.DoesNotContain("id=\"day-Saturday\" name=\"WorkingDays\" value=\"Saturday\" checked", html);
    }

    [Fact]
    public async Task SaveHoliday_NewRelease_TaskDueOnHolidayMovesToPreviousWorkingDay()
    {
        await ResetAsync();
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var releaseDay = NextWeekday(DayOfWeek.Wednesday, 70);
        var announcementDay = releaseDay.AddDays(-14);

        var saved = await PostAsync(admin, "/Workspace/Calendar",
            Days(MondayToFriday).Concat(Holiday(0, announcementDay, "Founders' day")));
        var release = await CreateReleaseOnAsync(api, releaseDay);

        Assert.Contains("Working calendar saved", await saved.Content.ReadAsStringAsync());
        Assert.Equal(announcementDay.AddDays(-1), release.Task(DefaultPlaybook.KbAnnouncement).DueDate);
    }

    [Fact]
    public async Task SaveWorkingDays_MoveRelease_UsesStoredWeekdays()
    {
        await ResetAsync();
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseOnAsync(api, NextWeekday(DayOfWeek.Wednesday, 70));
        // Only Mondays and Tuesdays are worked: a Wednesday due date falls back to Tuesday.
        await PostAsync(admin, "/Workspace/Calendar", Days(["Monday", "Tuesday"]));
        var newDay = release.PlannedDate.AddDays(7);

        var moved = await api.PostAsJsonAsync($"/api/releases/{release.Id}/move",
            new { newDate = newDay.ToString("yyyy-MM-dd"), rowVersion = release.RowVersion });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = (await moved.Content.ReadFromJsonAsync<ReleaseView>(Json))!;
        Assert.Equal(newDay.AddDays(-15), after.Task(DefaultPlaybook.KbAnnouncement).DueDate);
    }

    [Fact]
    public async Task SaveHoliday_ExistingPlan_KeepsDatesUntilRedateThenRedatesOpenTasksOnly()
    {
        await ResetAsync();
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var api = await factory.TokenClientAsync(Roles.Staff);
        var releaseDay = NextWeekday(DayOfWeek.Wednesday, 70);
        var release = await CreateReleaseOnAsync(api, releaseDay);
        var discussion = release.Task(DefaultPlaybook.ContentDiscussion);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var task = await db.RolloutTasks.SingleAsync(t => t.Id == discussion.Id);
            task.Status = RolloutTaskStatus.Done;
            await db.SaveChangesAsync();
        });
        var fields = Days(MondayToFriday).Concat(Holiday(0, releaseDay.AddDays(-14), "Founders' day"))
            .Concat(Holiday(1, discussion.DueDate, "Lake day"));

        var savedHtml = await (await PostAsync(admin, "/Workspace/Calendar", fields)).Content.ReadAsStringAsync();
        var unchanged = (await api.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;
        var redated = await PostAsync(admin, "/Workspace/Calendar?handler=Redate", [], "/Workspace/Calendar");
        var after = (await api.GetFromJsonAsync<ReleaseView>($"/api/releases/{release.Id}", Json))!;

        Assert.Contains("would get a different due date", savedHtml);
        Assert.Equal(releaseDay.AddDays(-14), unchanged.Task(DefaultPlaybook.KbAnnouncement).DueDate);
        Assert.Contains("running releases were re-dated", WebUtility.HtmlDecode(
            await redated.Content.ReadAsStringAsync()));
        Assert.Equal(releaseDay.AddDays(-15), after.Task(DefaultPlaybook.KbAnnouncement).DueDate);
        Assert.Equal(discussion.DueDate, after.Task(DefaultPlaybook.ContentDiscussion).DueDate);
        var audited = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == "release.recalendared" && a.TargetId == release.Id.ToString()));
        Assert.True(audited);
    }

    [Fact]
    public async Task Save_NoWorkingDayOrBadHoliday_ShowsWhyAndStoresNothing()
    {
        await ResetAsync();
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var noDays = await PostAsync(admin, "/Workspace/Calendar", Holiday(0, new DateOnly(2030, 1, 1), "New year"));
        var badDate = await PostAsync(admin, "/Workspace/Calendar",
            Days(MondayToFriday).Concat([new("Holidays[0].Date", "2030-02-30"), new("Holidays[0].Name", "Nope")]));

        Assert.Contains("At least one weekday must be a working day.",
            WebUtility.HtmlDecode(await noDays.Content.ReadAsStringAsync()));
        Assert.Contains("Holiday 1: '2030-02-30' is not a date",
            WebUtility.HtmlDecode(await badDate.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .WorkspaceCalendars.AnyAsync()));
    }

    [Fact]
    public async Task CalendarPage_Lead_IsRefused()
    {
        var lead = await factory.SignedInClientAsync(Roles.Lead);

        var response = await lead.GetAsync("/Workspace/Calendar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
    }

    private static IEnumerable<KeyValuePair<string, string>> Days(IEnumerable<string> days) =>
        days.Select(d => new KeyValuePair<string, string>("WorkingDays", d));

    private static IEnumerable<KeyValuePair<string, string>> Holiday(int index, DateOnly date, string name) =>
        [new($"Holidays[{index}].Date", date.ToString("yyyy-MM-dd")), new($"Holidays[{index}].Name", name)];

    private static DateOnly NextWeekday(DayOfWeek day, int atLeastDaysAhead)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(atLeastDaysAhead);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }
        return date;
    }

    private static async Task<ReleaseView> CreateReleaseOnAsync(HttpClient api, DateOnly date)
    {
        var response = await api.PostAsJsonAsync("/api/releases",
            new
            {
                product = "software",
                version = $"c{Guid.NewGuid():N}"[..10],
                plannedDate = date.ToString("yyyy-MM-dd")
            });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReleaseView>(Json))!;
    }

    /// <summary>Each test starts from the configuration defaults.</summary>
    private Task ResetAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await db.WorkspaceCalendars.Where(c => c.Id == WorkspaceCalendarEntity.SingletonId).ExecuteDeleteAsync();
    });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? url);
        var pairs = fields.ToList();
        pairs.Add(new("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value));
        return await client.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
