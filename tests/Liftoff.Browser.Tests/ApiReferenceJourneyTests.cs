using Liftoff.Data.Identity;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class ApiReferenceJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_OpensApiReference_RendersWithNoScriptBlockedByThePolicy()
    {
        var page = await browser.NewPageAsync();
        // Scalar 2.19 also sets inline styles from its script; the policy refuses those (no 'unsafe-inline'),
        // which costs some styling but no function. Everything else must be clean: no script refused, no
        // failed request, no script error.
        Pages.AllowConsole(page, "Content Security Policy", "style-src");
        await BrowserFixture.SignInAsync(page, await browser.App.CreateUserAsync(Roles.Staff));

        await page.GotoAsync("/api/docs/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Scalar lists the operations by their summaries or paths; the release-notes group is one of them.
        await Assertions.Expect(page.GetByText("Release notes").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(Pages.Problems.Count == 0, string.Join("\n", Pages.Problems));
        // Scalar's download buttons are named differently from their text. Everything else on the page must pass.
        await BrowserFixture.AssertAccessibleAsync(page, ["label-content-name-mismatch"]);
        await BrowserFixture.ScreenshotAsync(page, "api-reference");
    }
}
