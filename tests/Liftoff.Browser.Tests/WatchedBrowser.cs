using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright. Every context it opens belongs to the running test's
/// <see cref="PageWatch"/>, so no journey can open a page that is not watched.
/// </summary>
public sealed class WatchedBrowser : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PageWatch? _current;

    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync(string baseUrl)
    {
        BaseUrl = baseUrl;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The watch of the running test; opening a page without one is a mistake in the test.</summary>
    public PageWatch Watch => _current ?? throw new InvalidOperationException(
        "Pages are watched per test: derive the test class from JourneyTests so each test's pages are checked.");

    public PageWatch BeginTest()
    {
        if (_current is not null)
        {
            throw new InvalidOperationException("A test of this class is still running: journeys run one at a time.");
        }
        _current = new PageWatch(BaseUrl);
        return _current;
    }

    public async Task EndTestAsync(PageWatch watch)
    {
        if (ReferenceEquals(_current, watch))
        {
            _current = null;
        }
        await watch.AssertCleanAsync();
    }

    public async Task<IBrowserContext> NewContextAsync(int width = 1200, int height = 800, string who = "page")
    {
        var watch = Watch;
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
        });
        await watch.WatchAsync(context, who);
        return context;
    }

    public async Task<IPage> NewPageAsync(int width = 1200, int height = 800, string who = "page") =>
        await (await NewContextAsync(width, height, who)).NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>
/// A class of browser journeys. xUnit makes one instance per test: every page the test opens is watched,
/// and the test fails at its end when any of them saw a problem (see <see cref="PageWatch"/>).
/// </summary>
public abstract class JourneyTests(WatchedBrowser browser) : IAsyncLifetime
{
    private PageWatch? _pages;

    /// <summary>The watch over this test's pages; allowances for answers the test provokes go here.</summary>
    protected PageWatch Pages => _pages ?? throw new InvalidOperationException("The test has not started.");

    public Task InitializeAsync()
    {
        _pages = browser.BeginTest();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _pages is null ? Task.CompletedTask : browser.EndTestAsync(_pages);
}
