using System.Net;
using System.Net.Http.Json;
using Ical.Net.CalendarComponents;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Calendar;
using Liftoff.Web.Tests.Infrastructure;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;
using IcalCalendar = Ical.Net.Calendar;

namespace Liftoff.Web.Tests.Rollout;

public sealed class CalendarFeedTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static async Task<CreatedFeed> CreateFeedAsync(HttpClient client, string scope, string? target)
    {
        var response = await client.PostAsJsonAsync("/api/calendar-feeds", new { scope, target });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedFeed>(Json))!;
    }

    [Fact]
    public async Task ReleaseFeed_ParsesBackWithIcalNet_OneEventPerTask()
    {
        var staffUser = await factory.CreateUserAsync(Roles.Staff);
        var staff = await factory.TokenClientAsync(staffUser);
        var release = await CreateReleaseAsync(staff, significant: true);
        var feed = await CreateFeedAsync(staff, "release", release.Id.ToString());

        var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync(feed.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = IcalCalendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(release.Tasks.Count, calendar.Events.Count);
        var newsletter = release.Task(DefaultPlaybook.Newsletter);
        var ev = calendar.Events.Single(e => e.Uid == $"liftoff-task-{newsletter.Id}@liftoff");
        Assert.Contains("Newsletter", ev.Summary);
        Assert.Equal(newsletter.DueDate, DateOnly.FromDateTime(ev.DtStart!.Value));
        Assert.False(ev.DtStart.HasTime);
        var surge = calendar.Events.Single(e =>
            e.Uid == $"liftoff-task-{release.Task(DefaultPlaybook.SupportSurge).Id}@liftoff");
        Assert.Equal(release.PlannedDate, DateOnly.FromDateTime(surge.DtStart!.Value));
        Assert.Equal(release.PlannedDate.AddDays(14), DateOnly.FromDateTime(surge.DtEnd!.Value));
    }

    [Fact]
    public async Task TeamAndUserFeeds_ContainTheirTasks()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var member = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, lead.Id, member.Id);
        var memberClient = await factory.TokenClientAsync(member);
        var release = await CreateReleaseAsync(memberClient);
        var teamFeed = await CreateFeedAsync(memberClient, "team", "customer-success");
        var userFeed = await CreateFeedAsync(memberClient, "user", null);
        var anonymous = factory.CreateClient();

        var team = IcalCalendar.Load(await anonymous.GetStringAsync(teamFeed.Path))!;
        var mine = IcalCalendar.Load(await anonymous.GetStringAsync(userFeed.Path))!;

        Assert.Contains(team.Events, e =>
            e.Uid == $"liftoff-task-{release.Task(DefaultPlaybook.Newsletter).Id}@liftoff");
        Assert.DoesNotContain(team.Events, e =>
            e.Uid == $"liftoff-task-{release.Task(DefaultPlaybook.DeliveryRollout).Id}@liftoff");
        Assert.Contains(mine.Events, e =>
            e.Uid == $"liftoff-task-{release.Task(DefaultPlaybook.KbAnnouncement).Id}@liftoff");
        Assert.All(mine.Events, e => Assert.IsType<CalendarEvent>(e));
    }

    [Fact]
    public async Task RevokedOrUnknownToken_Returns404WithNothingElse()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var release = await CreateReleaseAsync(staff);
        var feed = await CreateFeedAsync(staff, "release", release.Id.ToString());
        var anonymous = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(feed.Path)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.DeleteAsync($"/api/calendar-feeds/{feed.Feed.Id}")).StatusCode);
        var revoked = await anonymous.GetAsync(feed.Path);
        var unknown = await anonymous.GetAsync($"/calendar/{new string('a', 64)}.ics");

        foreach (var response in new[] { revoked, unknown })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("BEGIN:VCALENDAR", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Revoke_SomeoneElsesFeed_Returns404()
    {
        var owner = await factory.TokenClientAsync(Roles.Staff);
        var other = await factory.TokenClientAsync(Roles.Staff);
        var feed = await CreateFeedAsync(owner, "user", null);

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/calendar-feeds/{feed.Feed.Id}"))
            .StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(feed.Path)).StatusCode);
    }
}
