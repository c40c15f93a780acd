using System.Globalization;
using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed partial class RolloutJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lead_CreatesRelease_MovesIt_AndSeesWhyAGatedTaskCannotBeDoneYet()
    {
        var lead = await browser.App.CreateUserAsync(Roles.Lead);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, lead);
        var planned = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45);
        var moved = planned.AddDays(7);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Releases" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Releases", Exact = true }))
            .ToBeVisibleAsync();
        await page.GetByLabel("Version").FillAsync("7.1");
        await page.GetByLabel("Planned release date").FillAsync(
            planned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Significant changes for users").CheckAsync();
        await page.GetByLabel("Content summary").FillAsync("New mission planner.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create release and plan" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ReleaseUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Timeline of Software 7.1" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Field handover day" }))
            .ToBeVisibleAsync();
        var newsletterRow = page.GetByRole(AriaRole.Row).Filter(
            new() { HasText = "Newsletter to resellers and customers" });
        var dueBefore = await newsletterRow.Locator("td.due").InnerTextAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "release-timeline");

        await page.GetByLabel("New release date").FillAsync(moved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Move release" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Release moved");
        await Assertions.Expect(page.Locator("#planned-date")).ToHaveTextAsync(
            moved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var dueAfter = await newsletterRow.Locator("td.due").InnerTextAsync();
        Assert.Equal(DateOnly.Parse(dueBefore[..10], CultureInfo.InvariantCulture).AddDays(7),
            DateOnly.Parse(dueAfter[..10], CultureInfo.InvariantCulture));
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "release-moved");

        // A task whose prerequisite is open says what it waits for instead of offering "Done".
        var iterateRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Iterate the knowledge base" });
        await Assertions.Expect(iterateRow.GetByRole(AriaRole.Button,
            new() { Name = "Mark done: Iterate the knowledge base" })).ToHaveCountAsync(0);
        await Assertions.Expect(iterateRow).ToContainTextAsync("Waits for: Announce the release in the knowledge base");

        // Task changes update the plan in place, without reloading the page.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await iterateRow.GetByRole(AriaRole.Button, new() { Name = "Start Iterate the knowledge base" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-body").GetByRole(AriaRole.Status))
            .ToContainTextAsync("is now in progress");
        await Assertions.Expect(iterateRow.Locator(".status")).ToHaveTextAsync("in progress");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "release-task-in-place");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Software 7.1" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
    }

    [GeneratedRegex(@"/Releases/\d+$")]
    private static partial Regex ReleaseUrl();
}
