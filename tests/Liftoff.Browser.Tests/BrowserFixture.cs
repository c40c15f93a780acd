using System.Net;
using Deque.AxeCore.Playwright;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>The app on real Kestrel (loopback, random port) and Debian's Chromium driven by Playwright.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(new LiftoffFactory())
    {
    }

    protected BrowserFixture(LiftoffFactory app) => App = app;

    public LiftoffFactory App { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Chromium; every page it opens is watched for the running test.</summary>
    public WatchedBrowser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .TrimEnd('/');
        await Browser.StartAsync(BaseUrl);
    }

    public Task<IPage> NewPageAsync() => NewPageAsync(1200, 800);

    public Task<IPage> NewPageAsync(int width, int height) => Browser.NewPageAsync(width, height);

    public static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation.</summary>
    public static Task AssertAccessibleAsync(IPage page) => AssertAccessibleAsync(page, []);

    /// <summary>
    /// Runs axe-core and fails on any serious or critical violation except the named rules, which a test names
    /// only for markup the app does not write (a third-party page) and says why.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string[] except)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical" && !except.Contains(v.Id))
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad));
    }

    /// <summary>Keeps a screenshot of each visited page for people reviewing the UI.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "liftoff-screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
