using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class BacklogMergeJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    private async Task<(long Kept, long Duplicate)> SeedDuplicatesAsync() =>
        await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var org = new OrganisationEntity
            {
                Name = $"Org {Guid.NewGuid():N}"[..14],
                Kind = OrganisationKind.Reseller,
                Segment = "Enterprise",
                Tier = "Gold",
                CreatedAt = DateTimeOffset.UtcNow
            };
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            FeatureRequest Request(string title, string email) => new()
            {
                Title = title,
                Description = "Pilots want the flight log as a spreadsheet.",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
                Votes = [new RequestVote { OrganisationId = org.Id, ContactEmail = email,
                    ContactName = email.Split('@')[0], CreatedAt = DateTimeOffset.UtcNow }],
            };
            var kept = Request("Export flight logs to CSV", "ana@reseller.example");
            var duplicate = Request("CSV export of the flight log", "ben@reseller.example");
            db.FeatureRequests.AddRange(kept, duplicate);
            await db.SaveChangesAsync();
            return (kept.Id, duplicate.Id);
        });

    [Fact]
    public async Task Staff_MergesADuplicateFromItsPage_AndUnmergesIt()
    {
        var (kept, duplicate) = await SeedDuplicatesAsync();
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);

        await page.GotoAsync($"/Backlog/{duplicate}");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "backlog-request-detail");
        // The picker suggests requests by number or title as one types; the choice carries the number.
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Merge this request into" });
        await picker.FillAsync(kept.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"#merge-into-choices option[value^='#{kept} ']")).ToHaveCountAsync(1);
        await picker.FillAsync(await page.Locator($"#merge-into-choices option[value^='#{kept} ']")
            .GetAttributeAsync("value") ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge into it" }).ClickAsync();
        // A merge asks first, naming both requests; nothing is merged until confirmed.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Merge #{duplicate} into #{kept}?" }))
            .ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Yes, merge #{duplicate} into #{kept}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status))
            .ToContainTextAsync($"#{duplicate} is merged into this request");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Requestors (2)" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "backlog-request-merged");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Unmerge #{duplicate}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"#{duplicate} is unmerged");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Requestors (1)" })).ToBeVisibleAsync();
        await page.GotoAsync("/Backlog/Priorities");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "backlog-priorities");
    }
}
