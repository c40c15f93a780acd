using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.LendingShop;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Liftoff.Browser.Tests;

/// <summary>
/// The app on Kestrel with a clock the test moves (from five weeks before a release to two weeks after
/// it), email to a real SMTP server, newsletters sent in the background and the lending shop's webhook
/// answered by a real HTTP listener.
/// </summary>
public sealed class ReleaseLifecycleFixture : IAsyncLifetime
{
    public const string ShopSecret = "lending-shop-journey-secret";
    public const string CustomerTeams = "customer-teams@liftoff.test";

    /// <summary>Monday 1 March 2027, 09:00 UTC: five weeks before the release as first planned.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public TestSmtpServer Smtp { get; } = new();

    public WebhookReceiver Shop { get; } = new(ShopSecret, 200);

    public LiftoffFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Chromium; every page it opens is watched for the running test.</summary>
    public WatchedBrowser Browser { get; } = new();

    private sealed class LifecycleFactory(ReleaseLifecycleFixture fixture) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", fixture.Smtp.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            // Background loops wait on the injected clock: each step of the test clock lets them run once more.
            builder.UseSetting("Email:PollInterval", "00:00:01");
            builder.UseSetting("Newsletter:RunInBackground", "true");
            builder.UseSetting("Newsletter:PollInterval", "00:00:01");
            builder.UseSetting("Newsletter:MessagesPerSecond", "0");
            builder.UseSetting("Newsletter:PublicBaseUrl", "http://liftoff.test");
            builder.UseSetting("Communications:CustomerTeamsAddress", CustomerTeams);
            builder.UseSetting("LendingShop:Url", fixture.Shop.Url);
            builder.UseSetting("LendingShop:Secret", ShopSecret);
            builder.UseSetting("LendingShop:PollInterval", "00:00:00.200");
            builder.UseSetting("Support:TimeZone", "UTC");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(fixture.Clock));
        }
    }

    public async Task InitializeAsync()
    {
        App = new LifecycleFactory(this);
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .TrimEnd('/');
        await Browser.StartAsync(BaseUrl);
    }

    public Task<IBrowserContext> NewContextAsync(string who) => Browser.NewContextAsync(who: who);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Shop.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class ReleaseLifecycleJourneyTests(ReleaseLifecycleFixture fixture, ITestOutputHelper output)
    : JourneyTests(fixture.Browser), IClassFixture<ReleaseLifecycleFixture>
{
    private const string Version = "5.3";
    private const string FeatureA = "Geotag batch export";
    private const string FeatureB = "Offline basemap packs";
    private const string UnrelatedTitle = "Thermal mosaic stitching";
    private const string UnrelatedCodename = "NIGHTJAR";
    private static readonly string[] Unrelated = [UnrelatedTitle, UnrelatedCodename, "thermal stitcher"];

    private static readonly DateOnly FirstPlan = new(2027, 4, 5);
    private static readonly DateOnly ReleaseDay = new(2027, 4, 12);

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _externalPages = [];
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

    private FakeTimeProvider Clock => fixture.Clock;

    private LiftoffFactory App => fixture.App;

    [Fact]
    public async Task OneRelease_FromPlanToSupportSurge_EveryTaskClosedByItsOwnAction_AndTheUnrelatedItemNeverLeaks()
    {
        var deliveryLead = await App.CreateUserAsync(Roles.Lead);
        var successLead = await App.CreateUserAsync(Roles.Lead);
        var successStaff = await App.CreateUserAsync(Roles.Staff);
        await SetUpTeamsAsync(deliveryLead.Id, successLead.Id, successStaff.Id);
        var world = await SetUpCustomersAndRoadmapAsync();
        var reader = await App.CreateUserAsync(Roles.External, world.CustomerOrgId);

        // T-5 weeks: a staff member of Customer Success plans the release in the browser.
        var staff = await SignInAsync(successStaff);
        await staff.GotoAsync("/Releases");
        await staff.GetByLabel("Version").FillAsync(Version);
        await staff.GetByLabel("Planned release date").FillAsync(Iso(FirstPlan));
        await staff.GetByLabel("Significant changes for users").CheckAsync();
        await staff.GetByLabel("Content summary").FillAsync(
            "Geotags of a whole flight in one export; base maps that work offline.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Create release and plan" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Version);
        var releaseId = int.Parse(staff.Url.Split('/').Last(), CultureInfo.InvariantCulture);
        await Assertions.Expect(staff.Locator("#planned-date")).ToHaveTextAsync(Iso(FirstPlan));
        await CheckPageAsync(staff, "lifecycle-01-release-planned");
        // The roadmap's two items for this release are linked to it (the roadmap editor's job, not this journey's).
        await LinkRoadmapItemsAsync(releaseId, world.LinkedItemIds);

        // T-4 weeks: both leads discuss the content (no system action: the task page with a comment and
        // the meeting notes as evidence is how it is done) and approve the customer-facing notes.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.Zero));
        var delivery = await SignInAsync(deliveryLead);
        await CompleteOnTaskPageAsync(delivery, releaseId, DefaultPlaybook.ContentDiscussion,
            "Agreed with Customer Success: both features go out, the export change is significant for users.",
            "https://wiki.liftoff.test/releases/5.3/content-meeting");
        await CommentOnTaskPageAsync(delivery, releaseId, DefaultPlaybook.DeliveryRollout,
            "Rollout plan and test plan written; testing starts this week.");

        staff = await SignInAsync(successStaff);
        await staff.GotoAsync($"/Releases/{releaseId}/Notes");
        await AddNoteItemAsync(staff, $"{FeatureA}: export the geotags of a whole flight in one file", external: true);
        await AddNoteItemAsync(staff, $"{FeatureB}: plan missions without a connection", external: true);
        await AddNoteItemAsync(staff, "Export workers moved to the new queue cluster", external: false);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Generate from external items" }).ClickAsync();
        await staff.GetByLabel("What this means for customers (Markdown)").FillAsync(
            $"Version {Version} needs nothing from you: update the app and both features are there.");
        await staff.GetByLabel("These notes are for").SelectOptionAsync(
            new SelectOptionValue { Label = "resellers and customers" });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save customer-facing notes" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Customer-facing notes saved.");
        await CheckPageAsync(staff, "lifecycle-02-notes-written");

        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}/Notes");
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Your approval is recorded.");
        // The lead approved a rendered preview; the button gives way to their state.
        await Assertions.Expect(delivery.Locator(".preview")).ToBeVisibleAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }))
            .ToHaveCountAsync(0);
        await Assertions.Expect(delivery.GetByText("You approved this text; waiting for the other lead"))
            .ToBeVisibleAsync();
        var success = await SignInAsync(successLead);
        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(success.GetByText("Both leads approved these customer-facing notes."))
            .ToBeVisibleAsync();
        await CheckPageAsync(success, "lifecycle-03-notes-approved");
        await AssertTaskAsync(releaseId, DefaultPlaybook.InternalNotesReview, RolloutTaskStatus.Done);

        // T-2 weeks: the KB announcement, the newsletter (scheduled), the notes shared with the customer teams.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 22, 9, 0, 0, TimeSpan.Zero));
        success = await SignInAsync(successLead);
        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Create knowledge-base announcement" }).ClickAsync();
        await success.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published as version 1.");
        var articleUrl = success.Url;
        await CheckPageAsync(success, "lifecycle-04-kb-announced");
        await AssertTaskAsync(releaseId, DefaultPlaybook.KbAnnouncement, RolloutTaskStatus.Done);

        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Share with customer teams" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("on their way to the customer teams");
        await AssertTaskAsync(releaseId, DefaultPlaybook.CustomerTeamsShare, RolloutTaskStatus.Done);
        var shared = await PumpUntilMessageAsync(m => m.To.Mailboxes.Any(a =>
            a.Address == ReleaseLifecycleFixture.CustomerTeams));
        Assert.Contains("queue cluster", shared.TextBody ?? shared.HtmlBody);

        await success.GotoAsync($"/Releases/{releaseId}/Notes");
        await success.GetByRole(AriaRole.Link, new() { Name = "Create newsletter from these notes" }).ClickAsync();
        await Assertions.Expect(success.GetByLabel("Content for customers (Markdown)"))
            .ToHaveValueAsync(new System.Text.RegularExpressions.Regex(FeatureA));
        await success.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        var newsletterUrl = success.Url;
        await success.GetByLabel("Send at (UTC; leave empty to send now)").FillAsync("2027-03-24T09:00");
        await success.GetByRole(AriaRole.Button, new() { Name = "Schedule or send now" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Heading,
            new() { Name = "Schedule for 2027-03-24 09:00 UTC to 4 recipients?" })).ToBeVisibleAsync();
        await Assertions.Expect(success.Locator("[data-recipients=Resellers]")).ToHaveTextAsync("2");
        await Assertions.Expect(success.Locator("[data-recipients=Customers]")).ToHaveTextAsync("2");
        await CheckPageAsync(success, "lifecycle-05-newsletter-confirm");
        await success.GetByRole(AriaRole.Button, new() { Name = "Confirm and schedule" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Scheduled for 2027-03-24 09:00 UTC.");

        // The release is moved a week: open tasks and the scheduled newsletter follow it.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 23, 9, 0, 0, TimeSpan.Zero));
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await delivery.GetByLabel("New release date").FillAsync(Iso(ReleaseDay));
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Move release" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First).ToContainTextAsync("Release moved");
        await Assertions.Expect(delivery.Locator("#planned-date")).ToHaveTextAsync(Iso(ReleaseDay));
        await Assertions.Expect(delivery.Locator($"tr[data-step={DefaultPlaybook.LendingShopUpdate}] .due"))
            .ToContainTextAsync(Iso(ReleaseDay));
        await Assertions.Expect(delivery.Locator($"tr[data-step={DefaultPlaybook.FieldHandover}] .due"))
            .ToContainTextAsync("2027-04-09");
        await CheckPageAsync(delivery, "lifecycle-06-release-moved");
        success = await SignInAsync(successLead);
        await success.GotoAsync("/Communications");
        await Assertions.Expect(success.GetByRole(AriaRole.Row, new() { Name = $"Software {Version}" }))
            .ToContainTextAsync("2027-03-31 09:00 UTC");
        await CheckPageAsync(success, "lifecycle-07-newsletter-moved");

        // The newsletter goes out on its new date: the guard checks again and the sender delivers it.
        await AdvanceToAsync(new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.Zero));
        await PumpUntilAsync(async () => world.NewsletterRecipients.All(r => fixture.Smtp.Messages.Any(m => IsTo(m, r)))
            && await TaskStatusAsync(releaseId, DefaultPlaybook.Newsletter) == RolloutTaskStatus.Done,
                "the newsletter to be sent");
        success = await SignInAsync(successLead);
        await success.GotoAsync(newsletterUrl);
        await Assertions.Expect(success.Locator("#progress .status")).ToContainTextAsync("Completed");
        await Assertions.Expect(success.Locator("#progress [data-count=sent]")).ToHaveTextAsync("4");
        await CheckPageAsync(success, "lifecycle-08-newsletter-sent");

        // T-10 days: the KB iteration is a new version of the announcement.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero));
        staff = await SignInAsync(successStaff);
        await staff.GotoAsync(articleUrl);
        var body = staff.GetByLabel("Article (Markdown)");
        await body.FillAsync(await body.InputValueAsync()
            + "\n\n## Questions from the field\n\n- Offline packs are kept for 30 days on the tablet.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published as version 2.");
        await CheckPageAsync(staff, "lifecycle-09-kb-iterated");
        await AssertTaskAsync(releaseId, DefaultPlaybook.KbIteration, RolloutTaskStatus.Done);

        // Release week, two days before: the field handover day has no system action; its task page with
        // the agenda as evidence and a comment is how it is done.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 9, 16, 0, 0, TimeSpan.Zero));
        staff = await SignInAsync(successStaff);
        await CompleteOnTaskPageAsync(staff, releaseId, DefaultPlaybook.FieldHandover,
            "Field handover held with 14 field engineers; open questions went into the KB article.",
            "https://wiki.liftoff.test/releases/5.3/field-handover");

        // Release day: Delivery marks it released. The rollout task is the one pre-release task still open;
        // releasing is its real action, so it is decided "done" in the status form.
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 12, 10, 0, 0, TimeSpan.Zero));
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await delivery.GetByLabel("New status").SelectOptionAsync("released");
        var decisions = delivery.GetByRole(AriaRole.Group,
            new() { Name = "When marking released: decide each open pre-release task" });
        await Assertions.Expect(decisions.GetByRole(AriaRole.Group)).ToHaveCountAsync(1);
        await decisions.GetByRole(AriaRole.Group, new() { Name = "Decision for Rollout planning, testing and rollout" })
            .GetByLabel("done").CheckAsync();
        await Assertions.Expect(delivery.GetByLabel(new System.Text.RegularExpressions.Regex("^Tell the requestors")))
            .ToBeCheckedAsync();
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First).ToContainTextAsync("Status changed.");
        await Assertions.Expect(delivery.GetByText("This release is released.")).ToBeVisibleAsync();
        await AssertTaskAsync(releaseId, DefaultPlaybook.DeliveryRollout, RolloutTaskStatus.Done);

        // The lending shop hears of it by its webhook; its 2xx completes the task.
        await PumpUntilAsync(async () => await TaskStatusAsync(releaseId,
            DefaultPlaybook.LendingShopUpdate) == RolloutTaskStatus.Done, "the lending-shop task");
        var hook = Assert.Single(fixture.Shop.Received);
        Assert.True(hook.SignatureValid);
        Assert.Contains($"\"version\":\"{Version}\"", hook.Text);

        // Requestors of the linked requests are told; the unrelated request's requestor is not.
        await PumpUntilAsync(() => Task.FromResult(world.Requestors.All(r =>
            fixture.Smtp.Messages.Count(m => IsTo(m, r)) >= 2)), "the requestors' emails");
        await delivery.GotoAsync($"/Releases/{releaseId}");
        var told = delivery.GetByRole(AriaRole.Region, new() { Name = "Requestors told" });
        foreach (var requestor in world.Requestors)
        {
            await Assertions.Expect(told.GetByRole(AriaRole.Row, new() { Name = requestor })).ToContainTextAsync("UTC");
        }
        await Assertions.Expect(delivery.Locator("#lending-shop-line")).ToContainTextAsync("delivered");
        await CheckPageAsync(delivery, "lifecycle-10-released");
        Assert.Single(fixture.Smtp.Messages, m => IsTo(m, world.UnrelatedRequestor));

        // Surge window: ticket counts arrive through the API, the window starts on the actual release day.
        using var api = await TokenClientAsync(successStaff);
        var baseline = Enumerable.Range(0, 42).Select(i => ReleaseDay.AddDays(-42 + i))
            .Select(d => new
            {
                date = Iso(d),
                channel = "email",
                count = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 4 : 20 + d.Day % 5
            });
        Assert.True((await api.PostAsJsonAsync("/api/support/ticket-volume", baseline)).IsSuccessStatusCode);
        await AdvanceToAsync(new DateTimeOffset(2027, 4, 27, 9, 0, 0, TimeSpan.Zero));
        var surge = Enumerable.Range(0, 15).Select(i => ReleaseDay.AddDays(i))
            .Select(d => new
            {
                date = Iso(d),
                channel = "email",
                count = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 6 : 31 + d.Day % 7
            });
        Assert.True((await api.PostAsJsonAsync("/api/support/ticket-volume", surge)).IsSuccessStatusCode);
        using (var forecast = JsonDocument.Parse(await api.GetStringAsync(
            $"/api/support/releases/{releaseId}/forecast")))
        {
            var root = forecast.RootElement;
            Assert.Equal(Iso(ReleaseDay), root.GetProperty("releasedOn").GetString());
            Assert.Equal(Iso(ReleaseDay), root.GetProperty("windowStart").GetString());
            Assert.All(root.GetProperty("days").EnumerateArray()
                .Where(d => DateOnly.Parse(d.GetProperty("date").GetString()!, CultureInfo.InvariantCulture) < Today()),
                d => Assert.Equal(JsonValueKind.Number, d.GetProperty("actual").ValueKind));
        }

        // T+15 days, the window over: the support-surge task has no system action (nothing ends it by itself);
        // after the window its owners close it on the task page with the outcome as a comment.
        staff = await SignInAsync(successStaff);
        await staff.GotoAsync($"/Support/Release/{releaseId}");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Version);
        await CheckPageAsync(staff, "lifecycle-11-surge");
        await CompleteOnTaskPageAsync(staff, releaseId, DefaultPlaybook.SupportSurge,
            "Surge window over: volume stayed inside the forecast band, no extra shifts needed after the first week.",
                null);

        // Nothing is left open, and every task was closed by an action, never skipped.
        var tasks = await TasksAsync(releaseId);
        Assert.All(tasks, t => Assert.Equal(RolloutTaskStatus.Done, t.Status));
        Assert.Contains(tasks, t => t.StepKey == DefaultPlaybook.FieldHandover);
        delivery = await SignInAsync(deliveryLead);
        await delivery.GotoAsync($"/Releases/{releaseId}");
        await Assertions.Expect(delivery.GetByRole(AriaRole.Button,
            new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark done") })).ToHaveCountAsync(0);
        await CheckPageAsync(delivery, "lifecycle-12-all-done");

        // What the outside saw: the portal as a customer's user, the public feed, every email.
        var portal = await SignInAsync(reader);
        await VisitExternalAsync(portal, "/Portal", "lifecycle-13-portal");
        await VisitExternalAsync(portal, "/Portal/Kb", "lifecycle-14-portal-kb");
        await portal.GetByRole(AriaRole.Link, new() { Name = $"Software {Version}" }).First.ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Article)).ToContainTextAsync("Questions from the field");
        await Assertions.Expect(portal.GetByRole(AriaRole.Article)).Not.ToContainTextAsync("queue cluster");
        await VisitExternalAsync(portal, null, "lifecycle-15-portal-article");
        await VisitExternalAsync(portal, "/Portal/Requests", "lifecycle-16-portal-requests");
        await Assertions.Expect(portal.GetByRole(AriaRole.Main)).ToContainTextAsync("Released");

        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var feed = await anonymous.GetStringAsync("/kb/announcements.atom");
        Assert.Contains(FeatureA, feed);

        var leaks = fixture.Smtp.Messages.Select(m => (Where: $"email to {m.To} \"{m.Subject}\"",
            Text: $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}"))
            .Append((Where: "Atom feed", Text: feed))
            .Concat(_externalPages.Select(p => (Where: "portal page", Text: p)))
            .SelectMany(x => Unrelated.Where(u => x.Text.Contains(u, StringComparison.OrdinalIgnoreCase))
                .Select(u => $"{x.Where} names {u}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(fixture.Smtp.Messages, m => m.TextBody?.Contains(FeatureB, StringComparison.Ordinal) == true);
        Assert.True(Pages.Problems.Count == 0, string.Join("\n", Pages.Problems));

        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    private sealed record World(int CustomerOrgId, int[] LinkedItemIds, string[] NewsletterRecipients,
        string[] Requestors, string UnrelatedRequestor);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly Today() => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private static bool IsTo(MimeKit.MimeMessage m, string address) =>
        m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Moves the clock. Sign-in cookies last 12 hours on that clock, so every step of the journey after
    /// a jump signs in again in a fresh browser context; the old ones are closed.
    /// </summary>
    private async Task AdvanceToAsync(DateTimeOffset to)
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        _contexts.Clear();
        output.WriteLine($"{_watch.Elapsed:mm\\:ss\\.f} clock to {to:yyyy-MM-dd HH:mm}");
        Clock.SetUtcNow(to);
        // Let the background loops that were waiting on the clock run once at the new time.
        await Task.Delay(200);
    }

    /// <summary>
    /// Background loops (outbox, newsletter sender) wait on the test clock: step it a second at a time
    /// until the effect is there, within a real-time limit.
    /// </summary>
    private async Task PumpUntilAsync(Func<Task<bool>> done, string what)
    {
        var started = _watch.Elapsed;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
        output.WriteLine($"{_watch.Elapsed:mm\\:ss\\.f} {what} after {(_watch.Elapsed - started).TotalSeconds:0.0} s");
    }

    private async Task<MimeKit.MimeMessage> PumpUntilMessageAsync(Func<MimeKit.MimeMessage, bool> match)
    {
        await PumpUntilAsync(() => Task.FromResult(fixture.Smtp.Messages.Any(match)), "an email");
        return fixture.Smtp.Messages.First(match);
    }

    private async Task<IPage> SignInAsync(TestUser user)
    {
        var context = await fixture.NewContextAsync(user.Role);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, user);
        return page;
    }

    private static async Task CheckPageAsync(IPage page, string name)
    {
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    private async Task VisitExternalAsync(IPage page, string? url, string name)
    {
        if (url is not null)
        {
            await page.GotoAsync(url);
        }
        _externalPages.Add(await page.ContentAsync());
        await CheckPageAsync(page, name);
    }

    private async Task CompleteOnTaskPageAsync(IPage page, int releaseId, string stepKey, string comment,
        string? evidence)
    {
        await page.GotoAsync($"/Releases/{releaseId}");
        await page.Locator($"tr[data-step={stepKey}] th a").ClickAsync();
        if (evidence is not null)
        {
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Link", Exact = true }).FillAsync(evidence);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Minutes");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Evidence link added.");
        }
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Comment", Exact = true }).FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Comment added.");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "New status" }).SelectOptionAsync("done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Status changed.");
        await CheckPageAsync(page, $"lifecycle-task-{stepKey}");
        await AssertTaskAsync(releaseId, stepKey, RolloutTaskStatus.Done);
    }

    private static async Task CommentOnTaskPageAsync(IPage page, int releaseId, string stepKey, string comment)
    {
        await page.GotoAsync($"/Releases/{releaseId}");
        await page.Locator($"tr[data-step={stepKey}] th a").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Comment", Exact = true }).FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Comment added.");
    }

    private static async Task AddNoteItemAsync(IPage page, string text, bool external)
    {
        await page.GetByLabel("New item (Markdown)").FillAsync(text);
        var box = page.GetByLabel("External: may be told to customers");
        if (external)
        {
            await box.CheckAsync();
        }
        else
        {
            await box.UncheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(text);
    }

    private async Task<HttpClient> TokenClientAsync(TestUser user)
    {
        var token = await App.WithScopeAsync(sp => sp.GetRequiredService<ApiTokenService>()
            .CreateAsync(user.Id, "helpdesk export"));
        var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private async Task AssertTaskAsync(int releaseId, string stepKey, RolloutTaskStatus expected) =>
        Assert.Equal(expected, await TaskStatusAsync(releaseId, stepKey));

    private async Task<RolloutTaskStatus> TaskStatusAsync(int releaseId, string stepKey) =>
        await App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == stepKey).Select(t => t.Status)
                .SingleAsync());

    private async Task<List<(string StepKey, RolloutTaskStatus Status)>> TasksAsync(int releaseId) =>
        (await App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId).Select(t => new { t.StepKey, t.Status }).ToListAsync()))
        .Select(t => (t.StepKey, t.Status)).ToList();

    private async Task SetUpTeamsAsync(string deliveryLeadId, string successLeadId, string successStaffId) =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow();
            foreach (var (key, name, lead) in new[]
            {
                (DefaultPlaybook.DeliveryTeam, "Delivery", deliveryLeadId),
                (DefaultPlaybook.CustomerSuccessTeam, "Customer Success", successLeadId),
            })
            {
                var team = await db.Teams.FirstOrDefaultAsync(t => t.Key == key);
                if (team is null)
                {
                    team = new Team { Key = key, Name = name };
                    db.Teams.Add(team);
                    await db.SaveChangesAsync();
                }
                team.LeadUserId = lead;
                var members = key == DefaultPlaybook.CustomerSuccessTeam ? new[] { lead, successStaffId } : [lead];
                foreach (var member in members)
                {
                    db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = member, AddedAt = now });
                }
                await db.SaveChangesAsync();
            }
        });

    /// <summary>
    /// A reseller and a customer with consenting contacts, the roadmap (two items for this release and
    /// one unrelated, unreleased item) and feature requests whose requestors wait for those items.
    /// </summary>
    private async Task<World> SetUpCustomersAndRoadmapAsync() =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow();
            var reseller = new OrganisationEntity
            {
                Name = "Northwind Survey Partners",
                Kind = OrganisationKind.Reseller,
                CreatedAt = now
            };
            var customer = new OrganisationEntity
            {
                Name = "Contoso Mapping",
                Kind = OrganisationKind.Customer,
                CreatedAt = now
            };
            db.Organisations.AddRange(reseller, customer);
            await db.SaveChangesAsync();
            var people = new (OrganisationEntity Org, string Name, string Email)[]
            {
                (reseller, "Ana Reseller", "ana@northwind.test"),
                (reseller, "Ben Reseller", "ben@northwind.test"),
                (customer, "Cara Customer", "cara@contoso.test"),
                (customer, "Dan Customer", "dan@contoso.test"),
            };
            foreach (var (org, name, email) in people)
            {
                db.Contacts.Add(new Contact
                {
                    OrganisationId = org.Id,
                    Audience = org.Kind == OrganisationKind.Reseller ? Audience.Resellers : Audience.Customers,
                    Name = name,
                    Email = email,
                    NormalizedEmail = email,
                    Consent = true,
                    CreatedAt = now,
                });
            }

            var page = await db.RoadmapPages.FirstOrDefaultAsync(p => p.Key == "next-software-release");
            if (page is null)
            {
                page = new RoadmapPage { Key = "next-software-release", Title = "Next software release", Position = 2 };
                db.RoadmapPages.Add(page);
                await db.SaveChangesAsync();
            }
            RoadmapItem Item(string title, string codename, string target, string versions, string aliases = "") =>
                new()
                {
                    PageId = page.Id,
                    Title = title,
                    Codename = codename,
                    Aliases = aliases,
                    Target = target,
                    Versions = versions,
                    Status = RoadmapItemStatus.InDevelopment,
                    DescriptionMarkdown = $"Internal notes on {title}.",
                    UpdatedAt = now,
                };
            var itemA = Item(FeatureA, "OSPREY", "2027-04", Version);
            var itemB = Item(FeatureB, "PLOVER", "2027-04", Version);
            var unrelated = Item(UnrelatedTitle, UnrelatedCodename, "2027-Q4", "6.0", "thermal stitcher");
            db.RoadmapItems.AddRange(itemA, itemB, unrelated);
            await db.SaveChangesAsync();

            FeatureRequest Request(string title, RoadmapItem item,
                params (OrganisationEntity Org, string Name, string Email)[] requestors) => new()
                {
                    Title = title,
                    Description = $"{title}, asked for in the field.",
                    Status = FeatureRequestStatus.Planned,
                    RoadmapItemId = item.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Votes = requestors.Select(r => new RequestVote
                    {
                        OrganisationId = r.Org.Id,
                        ContactEmail = r.Email,
                        ContactName = r.Name,
                        CreatedAt = now
                    }).ToList(),
                };
            db.FeatureRequests.AddRange(
                Request("Export all geotags of a flight at once", itemA, people[0], people[2]),
                Request("Use maps without internet in the field", itemB, people[3]),
                Request("Combine heat images of a site", unrelated, people[1]));
            await db.SaveChangesAsync();
            return new World(customer.Id, [itemA.Id, itemB.Id], people.Select(p => p.Email).ToArray(),
                [people[0].Email, people[2].Email, people[3].Email], people[1].Email);
        });

    private async Task LinkRoadmapItemsAsync(int releaseId, int[] itemIds) =>
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.RoadmapItems.Where(i => itemIds.Contains(i.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReleaseId, releaseId));
        });
}
