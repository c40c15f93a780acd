using Liftoff.Data.Identity;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class ApiReferenceJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_OpensApiReference_RendersWithNoScriptOrStyleRefusedByThePolicy()
    {
        var page = await browser.NewPageAsync();
        // The page watch fails on any console error: a script or style the policy refuses, a failed request,
        // a script error. Scalar's inline styles are allowed by nonce and hash, never by 'unsafe-inline'.
        await BrowserFixture.SignInAsync(page, await browser.App.CreateUserAsync(Roles.Staff));

        await page.GotoAsync("/api/docs/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Scalar lists the operations by their summaries or paths; the release-notes group is one of them.
        await Assertions.Expect(page.GetByText("Release notes").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(Pages.Problems.Count == 0, string.Join("\n", Pages.Problems));
        var policy = (await page.GotoAsync("/api/docs/"))!.Headers["content-security-policy"];
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        // Scalar's download buttons are named differently from their text. Everything else on the page must pass.
        await BrowserFixture.AssertAccessibleAsync(page, ["label-content-name-mismatch"]);
        await BrowserFixture.ScreenshotAsync(page, "api-reference");
    }
}
