using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class BacklogJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_PicksOrganisationAndContact_SeesLiveSuggestions_AndUpvotesOnce()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var asker = await browser.App.CreateOrganisationAsync($"Alpine Survey {u}");
        var other = await browser.App.CreateOrganisationAsync($"Northwind {u}");
        await browser.App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<OrganisationAdministration>()
                .AddContactAsync(asker, new($"ana-{u}@alpine.example", "Ana Alpine"));
            var created = await sp.GetRequiredService<RequestIntake>().CreateAsync(
                new NewRequest($"Export flight logs as CSV {u}", "Spreadsheet of every flight for our customers.",
                    null, new Requestor(other, $"ben-{u}@northwind.example", "Ben")), null);
            Assert.True(created.IsOk, created.Message);
        });
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GotoAsync("/Backlog");

        await page.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = $"Alpine Survey {u}" });
        var contact = page.GetByLabel("Contact", new() { Exact = true });
        await Assertions.Expect(contact.Locator("option", new() { HasText = $"ana-{u}@alpine.example" }))
            .ToHaveCountAsync(1);
        await contact.SelectOptionAsync(new SelectOptionValue { Label = $"Ana Alpine <ana-{u}@alpine.example>" });
        await page.GetByLabel("Title").PressSequentiallyAsync($"download the flight log as csv {u}",
            new() { Delay = 20 });

        var suggestion = page.Locator("#suggestions li", new() { HasText = $"Export flight logs as CSV {u}" });
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        await Assertions.Expect(suggestion).ToContainTextAsync("1 vote");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "backlog-intake-suggestions");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Add requestor to", Exact = false }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("it now has 2 votes");
        await page.GetByLabel("Title").PressSequentiallyAsync($"flight log csv export {u}", new() { Delay = 20 });
        var again = page.Locator("#suggestions li", new() { HasText = $"Export flight logs as CSV {u}" });
        await Assertions.Expect(again).ToContainTextAsync("already counts for this contact");
        await BrowserFixture.ScreenshotAsync(page, "backlog-intake-already-counted");
    }

    [Fact]
    public async Task External_SubmitsOnThePortal_SeesSimilarRequestAndFollowsIt()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var other = await browser.App.CreateOrganisationAsync($"Other {u}");
        await browser.App.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<RequestIntake>().CreateAsync(
                new NewRequest($"Offline maps for the field {u}", "No mobile network on site.", null,
                    new Requestor(other, $"o-{u}@other.example", "O")), null);
            Assert.True(created.IsOk, created.Message);
            // Other organisations' requests reach the portal only when staff share them.
            var db = sp.GetRequiredService<AppDbContext>();
            var request = await db.FeatureRequests.SingleAsync(r => r.Title == $"Offline maps for the field {u}");
            request.SharedWithPortal = true;
            await db.SaveChangesAsync();
        });
        var external = await browser.App.CreateUserAsync(Roles.External);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, external);
        await page.GotoAsync("/Portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask for a feature or follow your requests" }).ClickAsync();

        await page.GetByLabel("Title").PressSequentiallyAsync($"maps without network {u}", new() { Delay = 20 });
        var suggestion = page.Locator("#suggestions li", new() { HasText = $"Offline maps for the field {u}" });
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "portal-requests-suggestions");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Vote for", Exact = false }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now has 2 votes");
        var mine = page.GetByRole(AriaRole.Table, new() { Name = "Requests of your organisation" });
        await Assertions.Expect(mine).ToContainTextAsync($"Offline maps for the field {u}");
        await Assertions.Expect(mine).ToContainTextAsync("New");
        await BrowserFixture.ScreenshotAsync(page, "portal-my-requests");
    }
}
