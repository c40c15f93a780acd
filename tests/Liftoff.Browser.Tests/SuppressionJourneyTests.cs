using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Communications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Liftoff.Browser.Tests;

/// <summary>
/// Staff keep the suppression list, read a campaign report and the bounce-mailbox messages not understood.
/// </summary>
public sealed class SuppressionJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_AddAndRemoveSuppression_OpenReportAndUnparsedMessages_WithoutErrors()
    {
        var app = browser.App;
        var staff = await app.CreateUserAsync(Roles.Staff);
        var subject = $"Spring release {Guid.NewGuid():N}"[..24];
        var campaignId = await app.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<NewsletterCampaigns>().CreateAsync(
                new CampaignInput(subject, CampaignAudience.Customers, "", "# Spring\n\nFaster exports.\n", null),
                null);
            Assert.True(created.IsOk, created.Message);
            return created.Value!.Id;
        });
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Someone", "someone@elsewhere.test"));
            message.To.Add(new MailboxAddress("", "bounces@mail.test"));
            message.Subject = "Holiday <b>notice</b>";
            message.Body = new TextPart("plain") { Text = "Back on Monday. <script>alert('x')</script>" };
            var recorder = ActivatorUtilities.CreateInstance<BounceRecorder>(sp, db);
            await recorder.RecordAsync(message, 1, CancellationToken.None);
            await db.SaveChangesAsync();
        });
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        var email = $"reader-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync("/Communications/Suppressions");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Reason").FillAsync("Asked by phone not to get newsletters");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suppress" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} is suppressed");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(email);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "suppression-added");

        // The same address again: an error only, no success beside it.
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Reason").FillAsync("Again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suppress" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already on the suppression list");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {email}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} was removed");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).Not.ToContainTextAsync(email);

        await page.GotoAsync($"/Communications/NewsletterReport/{campaignId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(subject);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "campaign-report");

        await page.GotoAsync("/Communications/Suppressions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bounce mailbox messages not understood" }).ClickAsync();
        var listed = page.Locator("article").Filter(new() { HasText = "Holiday <b>notice</b>" });
        await Assertions.Expect(listed).ToContainTextAsync("someone@elsewhere.test");
        await Assertions.Expect(listed.Locator("pre")).ToContainTextAsync("<script>alert('x')</script>");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "unparsed-bounce-messages");
    }
}
