using System.Globalization;
using System.Net;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>The app on Kestrel sending newsletters in the background to a real SMTP server on loopback.</summary>
public sealed class CommunicationsBrowserFixture : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = new();

    public LiftoffFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Chromium; every page it opens is watched for the running test.</summary>
    public WatchedBrowser Browser { get; } = new();

    private sealed class SendingFactory(int smtpPort) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            builder.UseSetting("Newsletter:RunInBackground", "true");
            builder.UseSetting("Newsletter:PollInterval", "00:00:00.200");
            builder.UseSetting("Newsletter:MessagesPerSecond", "20");
            builder.UseSetting("Newsletter:PublicBaseUrl", "http://liftoff.test");
        }
    }

    public async Task InitializeAsync()
    {
        App = new SendingFactory(Smtp.Port);
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .TrimEnd('/');
        await Browser.StartAsync(BaseUrl);
    }

    public Task<IPage> NewPageAsync() => Browser.NewPageAsync();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class CommunicationsJourneyTests(CommunicationsBrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<CommunicationsBrowserFixture>
{
    private static readonly LocatorAssertionsToContainTextOptions Sending = new() { Timeout = 60_000 };

    [Fact]
    public async Task ReleaseNotes_ApprovedByBothLeads_BecomeAPublishedKbArticleAndASentNewsletter()
    {
        var app = browser.App;
        var staff = await app.CreateUserAsync(Roles.Staff);
        var deliveryLead = await app.CreateUserAsync(Roles.Lead);
        var successLead = await app.CreateUserAsync(Roles.Lead);
        await SetLeadsAsync(app, deliveryLead.Id, successLead.Id);
        var release = await CreateReleaseAsync(app);
        var contacts = await AddContactsAsync(app, 12);

        // A staff member writes the internal notes and generates the customer-facing ones.
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GotoAsync($"/Releases/{release.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Release notes", Exact = true }).ClickAsync();
        await page.GetByLabel("New item (Markdown)").FillAsync("Survey reports export twice as fast");
        await page.GetByLabel("External: may be told to customers").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await page.GetByLabel("New item (Markdown)").FillAsync("Export queue moved to the new worker pool");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("worker pool");
        await page.GetByRole(AriaRole.Link, new() { Name = "Generate from external items" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer-facing notes (Markdown)"))
            .ToHaveValueAsync("- Survey reports export twice as fast");
        await page.GetByLabel("What this means for customers (Markdown)")
            .FillAsync("Large reports arrive sooner. Nothing changes in how you export.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save customer-facing notes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Customer-facing notes saved.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "release-notes-written");

        // Both leads approve that exact text.
        var delivery = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(delivery, deliveryLead);
        await delivery.GotoAsync($"/Releases/{release.Id}/Notes");
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(delivery.GetByRole(AriaRole.Status).First)
            .ToContainTextAsync("Your approval is recorded.");
        var success = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(success, successLead);
        await success.GotoAsync($"/Releases/{release.Id}/Notes");
        await success.GetByRole(AriaRole.Button, new() { Name = "Approve customer-facing notes" }).ClickAsync();
        await Assertions.Expect(success.GetByText("Both leads approved these customer-facing notes."))
            .ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(success);
        await BrowserFixture.ScreenshotAsync(success, "release-notes-approved");
        Assert.Equal(RolloutTaskStatus.Done, await TaskStatusAsync(app, release.Id,
            DefaultPlaybook.InternalNotesReview));

        // The announcement goes into the knowledge base and readers see it on the portal.
        await success.GetByRole(AriaRole.Button, new() { Name = "Create knowledge-base announcement" }).ClickAsync();
        await success.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(success.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published as version 1.");
        await BrowserFixture.AssertAccessibleAsync(success);
        await BrowserFixture.ScreenshotAsync(success, "kb-article-published");
        var reader = await browser.NewPageAsync();
        await reader.GotoAsync("/Portal/Kb");
        await reader.GetByRole(AriaRole.Link, new() { Name = release.Version }).First.ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Article))
            .ToContainTextAsync("Survey reports export twice as fast");
        await Assertions.Expect(reader.GetByRole(AriaRole.Article)).ToContainTextAsync("What this means for customers");
        await Assertions.Expect(reader.GetByRole(AriaRole.Article)).Not.ToContainTextAsync("worker pool");
        await BrowserFixture.AssertAccessibleAsync(reader);
        await BrowserFixture.ScreenshotAsync(reader, "portal-kb-article");

        // A newsletter from the same notes, sent while the page shows its progress.
        await success.GotoAsync($"/Releases/{release.Id}/Notes");
        await success.GetByRole(AriaRole.Link, new() { Name = "Create newsletter from these notes" }).ClickAsync();
        await Assertions.Expect(success.GetByLabel("Content for customers (Markdown)"))
            .ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Survey reports export twice as fast"));
        await success.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await success.GetByRole(AriaRole.Button, new() { Name = "Schedule or send now" }).ClickAsync();
        var confirmation = $"Send now to {contacts.Count} recipients?";
        await Assertions.Expect(success.GetByRole(AriaRole.Heading, new() { Name = confirmation })).ToBeVisibleAsync();
        await success.GetByRole(AriaRole.Button, new() { Name = "Confirm and send now" }).ClickAsync();
        var progress = success.Locator("#progress");
        await Assertions.Expect(progress.Locator("[data-count=total]"))
            .ToHaveTextAsync(contacts.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(progress.Locator(".status")).ToContainTextAsync("Completed", Sending);
        await Assertions.Expect(progress.Locator("[data-count=sent]"))
            .ToHaveTextAsync(contacts.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(progress.Locator("[data-count=remaining]")).ToHaveTextAsync("0");
        await BrowserFixture.AssertAccessibleAsync(success);
        await BrowserFixture.ScreenshotAsync(success, "newsletter-sent");
        var received = browser.Smtp.Messages.Where(m => m.To.Mailboxes.Any(a => contacts.Contains(a.Address))).ToList();
        Assert.Equal(contacts.Count, received.Count);
        Assert.All(received, m => Assert.Contains("Survey reports export twice as fast", m.TextBody));
    }

    private sealed record CreatedRelease(int Id, string Version);

    private static async Task<CreatedRelease> CreateReleaseAsync(LiftoffFactory app) =>
        await app.WithScopeAsync(async sp =>
        {
            // Letters only: random digits can spell a year ("v92e2030b4"), which the disclosure check rightly stops.
            var version = "v" + string.Concat(Guid.NewGuid().ToString("N")[..9]
                .Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));
            var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var created = await sp.GetRequiredService<CreateRelease>()
                .CreateAsync(new ReleaseInput("software", version, date, ContentSummary: "Faster exports"));
            Assert.True(created.IsOk, created.Message);
            return new CreatedRelease(created.Value!.Id, version);
        });

    private static async Task SetLeadsAsync(LiftoffFactory app, string deliveryLeadId, string successLeadId) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var (key, lead) in new[] { (DefaultPlaybook.DeliveryTeam, deliveryLeadId),
                (DefaultPlaybook.CustomerSuccessTeam, successLeadId) })
            {
                var team = await db.Teams.FirstOrDefaultAsync(t => t.Key == key);
                if (team is null)
                {
                    team = new Liftoff.Data.Organisation.Team { Key = key, Name = key };
                    db.Teams.Add(team);
                }
                team.LeadUserId = lead;
                await db.SaveChangesAsync();
            }
        });

    private static async Task<List<string>> AddContactsAsync(LiftoffFactory app, int perAudience) =>
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var list = new List<string>();
            foreach (var audience in new[] { Audience.Resellers, Audience.Customers })
            {
                for (var i = 0; i < perAudience; i++)
                {
                    var email = $"{audience.ToString().ToLowerInvariant()}-{i}-{Guid.NewGuid():N}@test.example";
                    db.Contacts.Add(new Contact
                    {
                        Email = email,
                        NormalizedEmail = email,
                        Name = $"{audience} {i}",
                        Audience = audience,
                        Consent = true,
                        CreatedAt = DateTimeOffset.UtcNow
                    });
                    list.Add(email);
                }
            }
            await db.SaveChangesAsync();
            return list;
        });

    private static async Task<RolloutTaskStatus> TaskStatusAsync(LiftoffFactory app, int releaseId, string stepKey) =>
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == stepKey).Select(t => t.Status)
                .SingleAsync());
}
