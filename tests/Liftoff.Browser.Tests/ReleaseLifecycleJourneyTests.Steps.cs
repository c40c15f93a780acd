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

// The journey's state and its steps: moving the clock, waiting for background work, signing in, task pages.
public sealed partial class ReleaseLifecycleJourneyTests
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

    private FakeTimeProvider Clock => Fixture.Clock;

    private LiftoffFactory App => Fixture.App;

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
        Output.WriteLine($"{_watch.Elapsed:mm\\:ss\\.f} clock to {to:yyyy-MM-dd HH:mm}");
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
        Output.WriteLine($"{_watch.Elapsed:mm\\:ss\\.f} {what} after {(_watch.Elapsed - started).TotalSeconds:0.0} s");
    }

    private async Task<MimeKit.MimeMessage> PumpUntilMessageAsync(Func<MimeKit.MimeMessage, bool> match)
    {
        await PumpUntilAsync(() => Task.FromResult(Fixture.Smtp.Messages.Any(match)), "an email");
        return Fixture.Smtp.Messages.First(match);
    }

    private async Task<IPage> SignInAsync(TestUser user)
    {
        var context = await Fixture.NewContextAsync(user.Role);
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
        var client = new HttpClient { BaseAddress = new Uri(Fixture.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }
}
