using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class SupportJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    private static readonly int[] SurgeCounts = [31, 29, 27, 44, 47];

    private async Task<int> SeedReleaseInSurgeAsync()
    {
        var release = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5);
        var quiet = Enumerable.Range(1, 56).Select(back => new TicketCountInput(release.AddDays(-back), "email", 18
            + (back % 7 == 0 ? 6 : back % 3)));
        var surge = SurgeCounts.Select((c, d) => new TicketCountInput(release.AddDays(d), "email", c));
        return await browser.App.WithScopeAsync(async sp =>
        {
            var stored = await sp.GetRequiredService<TicketVolumeImport>().PushAsync(quiet.Concat(surge).ToList());
            Assert.True(stored.IsOk, stored.Message);
            var db = sp.GetRequiredService<AppDbContext>();
            var entity = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = $"7.{Guid.NewGuid():N}"[..8],
                Name = "Survey Suite",
                PlannedDate = release,
                SignificantChanges = true,
                Status = ReleaseStatus.Released,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Releases.Add(entity);
            await db.SaveChangesAsync();
            return entity.Id;
        });
    }

    [Fact]
    public async Task Staff_OpensSurgeFromDashboard_SeesChartWithAccessibleTable()
    {
        var id = await SeedReleaseInSurgeAsync();
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);

        var card = page.GetByRole(AriaRole.Region, new() { Name = "Support surge" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "support-dashboard");
        await card.Locator($"a[href='/Support/Release/{id}']").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading,
            new()
            {
                NameRegex = new System.Text.RegularExpressions.Regex("^Support surge: Software .* · Survey Suite$"),
                Level = 1
            })).ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Support tickets per day after", Exact = false });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True(await chart.Locator("polyline.actual").CountAsync() >= 1);
        Assert.Equal(1, await chart.Locator("polygon.band").CountAsync());
        var table = page.GetByRole(AriaRole.Table, new()
        {
            Name = "Tickets per day in the surge window",
            Exact = false
        });
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(15);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading,
            new() { Name = "Extra support hours in release week" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "support-release");
    }

    [Fact]
    public async Task Staff_PreviewsCsvImport_SeesRowErrorsThenPreview()
    {
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Support", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a helpdesk CSV" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv",
            MimeType = "text/csv",
            Buffer = "date,count\n2027-01-04,12\n2027-01-05,-3\n"u8.ToArray()
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Nothing was imported" }))
            .ToContainTextAsync("Row 3:");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "support-import-errors");

        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "good.csv",
            MimeType = "text/csv",
            Buffer = "date,count\n2027-01-04,12\n2027-01-05,3\n"u8.ToArray()
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Importing would add 2");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "support-import-preview");
    }
}
