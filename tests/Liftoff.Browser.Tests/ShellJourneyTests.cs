using System.Globalization;
using Deque.AxeCore.Playwright;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>
/// Every page reachable from the navigation, with realistic data, at a desktop and a phone width: no console
/// error, no failed page resource, never an error shown beside a success message, no serious accessibility
/// violation and, on a phone, no sideways scrolling of the whole page.
/// </summary>
public sealed class ShellJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    private sealed record Seeded(int ReleaseId, long RequestId, int RoadmapItemId, int NewsletterId);

    [Fact]
    public async Task Admin_VisitsEveryPage_AtDesktopAndPhoneWidth_AndEachIsCleanAndFits()
    {
        var seeded = await SeedAsync();
        var admin = await browser.App.CreateUserAsync(Roles.Admin);
        var problems = new List<string>();

        foreach (var width in new[] { 1440, 390 })
        {
            var page = await browser.NewPageAsync(width, width > 800 ? 900 : 844);
            await BrowserFixture.SignInAsync(page, admin);

            var paths = await NavigationPathsAsync(page);
            Assert.Contains("/Releases", paths);
            Assert.Contains("/Users", paths);
            paths.AddRange([$"/Releases/{seeded.ReleaseId}", $"/Backlog/{seeded.RequestId}",
                $"/Roadmap/Item/{seeded.RoadmapItemId}", $"/Communications/Newsletter/{seeded.NewsletterId}"]);

            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                var where = $"{path} at {width} px";
                if (response is null || response.Status >= 400)
                {
                    problems.Add($"{where}: status {response?.Status}");
                }
                var axe = await page.RunAxe();
                problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{where}: {v.Id} ({v.Impact}): {v.Help} at "
                        + string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))));
                if (width < 800)
                {
                    var overflow = await page.EvaluateAsync<int>(
                        "() => document.documentElement.scrollWidth - window.innerWidth");
                    if (overflow > 1)
                    {
                        var culprits = await page.EvaluateAsync<string[]>(WidestElementsScript);
                        problems.Add($"{where}: scrolls sideways by {overflow} px ({string.Join("; ", culprits)})");
                    }
                }
                await BrowserFixture.ScreenshotAsync(page, $"shell-{width}{ScreenshotName(path)}");
            }
            await page.Context.CloseAsync();
        }

        // Console errors, failed resources and an error beside a success message are in the page watch.
        Assert.True(problems.Count == 0 && Pages.Problems.Count == 0,
            string.Join("\n", problems.Concat(Pages.Problems)));
    }

    [Fact]
    public async Task Admin_AtPhoneWidth_ReachesEveryArea_WithTheCurrentOneInView_AndAHintOfMore()
    {
        var admin = await browser.App.CreateUserAsync(Roles.Admin);
        var page = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, admin);
        await page.GotoAsync("/");
        var areas = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("a")
            .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains("/Users", areas);

        var problems = new List<string>();
        foreach (var area in areas)
        {
            await page.GotoAsync(area);
            var found = await page.EvaluateAsync<string[]>(ReachableNavigationScript);
            problems.AddRange(found.Select(f => $"{area}: {f}"));
            if (area == "/Users")
            {
                await BrowserFixture.ScreenshotAsync(page, "shell-390-navigation-admin");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task External_SeesOnlyThePortalInTheNavigation()
    {
        var external = await browser.App.CreateUserAsync(Roles.External);
        var page = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, external);
        await page.GotoAsync("/Portal");

        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Portal"], await main.AllInnerTextsAsync());
        foreach (var staffArea in new[] { "Releases", "Backlog", "Roadmap", "Communications", "Support", "Admin" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = staffArea, Exact = true }))
                .ToHaveCountAsync(0);
        }
        Assert.True(await page.EvaluateAsync<int>(
            "() => document.documentElement.scrollWidth - window.innerWidth") <= 1);
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "shell-390-external-portal");
    }

    /// <summary>Every area of the main navigation and every page of its sub-navigation, in order.</summary>
    private static async Task<List<string>> NavigationPathsAsync(IPage page)
    {
        await page.GotoAsync("/");
        var areas = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("a")
            .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var paths = new List<string>();
        foreach (var area in areas)
        {
            await page.GotoAsync(area);
            var label = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
                .Locator("a[aria-current=page]").InnerTextAsync();
            var sub = page.GetByRole(AriaRole.Navigation, new() { Name = label + " pages" });
            var hrefs = await sub.CountAsync() == 0
                ? [area]
                : await sub.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            paths.AddRange(hrefs.Prepend(area).Where(h => !paths.Contains(h)).Distinct());
        }
        return paths;
    }

    /// <summary>
    /// Every link of the main navigation is on screen or in a row that scrolls sideways to it; the current one
    /// is on screen; a row with links out of sight fades at that edge.
    /// </summary>
    private const string ReachableNavigationScript = """
        () => {
          const nav = document.querySelector('nav[aria-label="Main"]');
          let row = nav.querySelector('ul');
          while (row !== nav.parentElement && !['auto', 'scroll'].includes(getComputedStyle(row).overflowX)) {
            row = row.parentElement;
          }
          const scrolls = row !== nav.parentElement;
          const frame = scrolls ? row.getBoundingClientRect() : { left: 0, right: window.innerWidth };
          const left = Math.max(0, frame.left), right = Math.min(window.innerWidth, frame.right);
          const problems = [];
          let outOfSight = false;
          for (const a of nav.querySelectorAll('a')) {
            const r = a.getBoundingClientRect();
            const name = a.textContent.trim();
            if (r.width === 0 || r.height === 0 || getComputedStyle(a).visibility === 'hidden') {
              problems.push(`${name} is hidden`);
              continue;
            }
            const onScreen = r.left >= left - 1 && r.right <= right + 1;
            outOfSight ||= !onScreen;
            if (a.getAttribute('aria-current') === 'page' && !onScreen) {
              problems.push(`the current area ${name} is out of sight (${Math.round(r.left)}-${Math.round(r.right)})`);
            } else if (!onScreen && !scrolls) {
              problems.push(`${name} is out of sight and its row does not scroll`);
            }
          }
          if (outOfSight && scrolls) {
            const style = getComputedStyle(row);
            if ((style.maskImage || style.webkitMaskImage || 'none') === 'none') {
              problems.push('entries are out of sight but the row gives no hint of more');
            }
          }
          return problems;
        }
        """;

    private const string WidestElementsScript = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
            .filter(e => e.offsetParent !== null)
            .slice(-4)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                + ' ' + Math.round(e.getBoundingClientRect().right))
        """;

    private static string ScreenshotName(string path) =>
        path == "/" ? "-home" : path.Replace('/', '-').ToLowerInvariant();

    private async Task<Seeded> SeedAsync()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var org = await browser.App.CreateOrganisationAsync($"Alpine Survey {u}");
        return await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var release = await sp.GetRequiredService<CreateRelease>().CreateAsync(
                new ReleaseInput("software", $"8.{u[..2]}", date,
                    ContentSummary: "Faster survey exports and a new mission planner"));
            Assert.True(release.IsOk, release.Message);

            var backlog = sp.GetRequiredService<RequestIntake>();
            long firstRequest = 0;
            foreach (var (title, text) in new[]
            {
                ("Export flight logs as CSV", "A spreadsheet of every flight for our customers."),
                ("Offline maps for remote sites", "Crews lose coverage in the mountains and need cached maps."),
                ("Battery health warnings", "Warn pilots before a weak battery is used on a long mission."),
            })
            {
                var created = await backlog.CreateAsync(
                    new NewRequest($"{title} {u}", text, null,
                        new Requestor(org, $"ana-{u}@alpine.example", "Ana Alpine")), null);
                Assert.True(created.IsOk, created.Message);
                firstRequest = firstRequest == 0 ? created.Value!.Id : firstRequest;
            }

            var pages = await db.RoadmapPages.OrderBy(p => p.Id).ToListAsync();
            var items = pages.Select((p, i) => new RoadmapItem
            {
                PageId = p.Id,
                Title = i == 0 ? $"Obstacle avoidance {u}" : $"Fleet dashboard {u}",
                DescriptionMarkdown = "Drones steer around obstacles on their own.",
                Target = "2027-Q2",
                Versions = "8.1",
                UpdatedAt = DateTimeOffset.UtcNow,
            }).ToList();
            db.RoadmapItems.AddRange(items);

            var email = $"carla-{u}@customer.example";
            db.Contacts.Add(new Contact
            {
                Email = email,
                NormalizedEmail = email,
                Name = "Carla Customer",
                Audience = Audience.Customers,
                Consent = true,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            var newsletter = new NewsletterCampaign
            {
                ReleaseId = release.Value!.Id,
                Subject = $"What is new in 8.{u[..2]}",
                Audience = CampaignAudience.Both,
                ResellerMarkdown = "Faster survey exports for your customers.",
                CustomerMarkdown = "Your survey exports now arrive twice as fast.",
                Status = CampaignStatus.Draft,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.NewsletterCampaigns.Add(newsletter);
            await db.SaveChangesAsync();
            return new Seeded(release.Value!.Id, firstRequest, items[0].Id, newsletter.Id);
        });
    }
}
