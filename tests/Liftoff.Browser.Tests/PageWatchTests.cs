using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>
/// The watch over journey pages records each kind of problem it exists to catch, and honours allowances.
/// </summary>
public sealed class PageWatchTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    private const string BrokenPage = """
        <!DOCTYPE html>
        <html lang="en"><head><title>Broken</title></head><body>
        <p class="alert ok" role="status">Saved.</p>
        <div class="alert error" role="alert">Name is required.</div>
        <script src="/missing-script.js"></script>
        <script>throw new Error("boom");</script>
        </body></html>
        """;

    [Fact]
    public async Task ErrorBesideSuccess_MissingScript_AndScriptError_AreEachRecorded()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/watch-check", r => r.FulfillAsync(
            new() { ContentType = "text/html", Body = BrokenPage }));
        await page.RouteAsync("**/missing-script.js", r => r.FulfillAsync(new() { Status = 404, Body = "" }));

        await page.GotoAsync("/watch-check");

        var problems = await ProblemsAsync(all => all.Any(p => p.Contains("got 404", StringComparison.Ordinal))
            && all.Any(p => p.Contains("shown beside", StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.Contains("error \"Name is required.\" shown beside success \"Saved.\"",
            StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("got 404", StringComparison.Ordinal)
            && p.Contains("/missing-script.js", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("script error", StringComparison.Ordinal)
            && p.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAllowedAnswer_IsNotAProblem_ButOthersOnTheSamePageStillAre()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/watch-check", r => r.FulfillAsync(
            new() { ContentType = "text/html", Body = BrokenPage }));
        await page.RouteAsync("**/missing-script.js", r => r.FulfillAsync(new() { Status = 404, Body = "" }));
        Pages.AllowResponse(page, 404, "/missing-script.js");

        await page.GotoAsync("/watch-check");

        var problems = await ProblemsAsync(all => all.Any(p => p.Contains("shown beside", StringComparison.Ordinal)));
        Assert.True(!problems.Any(p => p.Contains("/missing-script.js", StringComparison.Ordinal)),
            string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("boom", StringComparison.Ordinal));
    }

    /// <summary>Reports from the page arrive asynchronously: wait (bounded) until the expected ones are in.</summary>
    private async Task<List<string>> ProblemsAsync(Func<List<string>, bool> arrived)
    {
        var problems = new List<string>();
        for (var i = 0; i < 100 && !arrived(problems); i++)
        {
            await Task.Delay(50);
            problems.AddRange(Pages.TakeProblems());
        }
        return problems;
    }
}
