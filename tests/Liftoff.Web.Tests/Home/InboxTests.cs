using System.Net;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Home;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Liftoff.Web.Tests.Rollout.RolloutTestHelpers;

namespace Liftoff.Web.Tests.Home;

/// <summary>The app on a clock that starts today at 05:00 UTC, an hour before the daily email goes out.</summary>
public sealed class InboxClockFactory : LiftoffFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(5), TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class InboxTests(InboxClockFactory factory) : IClassFixture<InboxClockFactory>
{
    [Fact]
    public async Task Inbox_ShowsTheLeadsOverdueTaskAndNotesToApprove_AndEachDisappearsWhenDone()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        await EnsureTeamsAsync(factory, lead.Id);
        var client = await factory.TokenClientAsync(lead);
        // 10 days ahead: the content discussion (four weeks before) is overdue and owned by the Delivery lead.
        var release = await CreateReleaseAsync(client, daysAhead: 10);
        var discussion = release.Task(DefaultPlaybook.ContentDiscussion);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.ReleaseNotes.Add(new ReleaseNotesEntity
            {
                ReleaseId = release.Id,
                CustomerMarkdown = "Faster exports."
            });
            await db.SaveChangesAsync();
        });

        var items = await InboxAsync(client);

        var overdue = Assert.Single(items, i => i.Link == $"/Tasks/{discussion.Id}");
        Assert.Equal(InboxKinds.TaskOverdue, overdue.Kind);
        Assert.Contains("Overdue by", overdue.Detail, StringComparison.Ordinal);
        var notes = Assert.Single(items, i => i.Kind == InboxKinds.NotesToApprove
            && i.Link == $"/Releases/{release.Id}/Notes");
        Assert.Contains(release.Version, notes.Title, StringComparison.Ordinal);

        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RolloutTaskWork>().SetStatusAsync(discussion.Id, new TaskStatusInput("done"),
                lead.Id);
            var db = sp.GetRequiredService<AppDbContext>();
            await db.ReleaseNotes.Where(n => n.ReleaseId == release.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveryApprovedByUserId, lead.Id)
                .SetProperty(n => n.CustomerSuccessApprovedByUserId, lead.Id));
        });

        var after = await InboxAsync(client);
        Assert.DoesNotContain(after, i => i.Link == $"/Tasks/{discussion.Id}");
        Assert.DoesNotContain(after, i => i.Link == $"/Releases/{release.Id}/Notes");
    }

    [Fact]
    public async Task Inbox_IsForStaffOnly_AndTheHomePageShowsIt()
    {
        var external = await factory.TokenClientAsync(Roles.External);
        Assert.Equal(HttpStatusCode.Forbidden, (await external.GetAsync("/api/me/inbox")).StatusCode);

        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var home = await staff.GetStringAsync("/");
        Assert.Contains("Waiting for you", home, StringComparison.Ordinal);
        Assert.Contains("New release", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_GoesOutOnceADay_OnlyWhenSomethingWaits_AndNotToWhoeverSwitchedItOff()
    {
        var lead = await factory.CreateUserAsync(Roles.Lead);
        var idle = await factory.CreateUserAsync(Roles.Staff);
        var optedOut = await factory.CreateUserAsync(Roles.Staff);
        await EnsureTeamsAsync(factory, lead.Id, optedOut.Id);
        var client = await factory.TokenClientAsync(lead);
        await CreateReleaseAsync(client, daysAhead: 10);
        var off = await (await factory.TokenClientAsync(optedOut))
            .PutAsJsonAsync("/api/me/digest", new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        await RunDigestAsync();
        Assert.Empty(await DigestsAsync(lead.Email));

        factory.Clock.Advance(TimeSpan.FromHours(2));
        await RunDigestAsync();
        await RunDigestAsync();

        var mail = Assert.Single(await DigestsAsync(lead.Email));
        Assert.Contains("wait", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/Tasks/", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(await DigestsAsync(idle.Email));
        Assert.Empty(await DigestsAsync(optedOut.Email));

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await RunDigestAsync();
        Assert.Equal(2, (await DigestsAsync(lead.Email)).Count);
    }

    private static async Task<List<InboxItem>> InboxAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/inbox");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<InboxItem>>(Json))!;
    }

    private Task RunDigestAsync() => factory.WithScopeAsync(sp => sp.GetRequiredService<InboxDigest>().RunOnceAsync());

    private Task<List<Data.Platform.OutboxMessage>> DigestsAsync(string email) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Outbox.Where(m => m.Kind == InboxDigest.Kind && m.ToAddress == email)
            .ToListAsync());
}
