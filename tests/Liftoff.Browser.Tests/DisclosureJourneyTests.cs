using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class DisclosureJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DraftWithCodename_IsBlocked_ThenLeadApprovedStatementPasses()
    {
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var lead = await browser.App.CreateUserAsync(Roles.Lead);
        var orgName = "Skyline Resellers " + Guid.NewGuid().ToString("N")[..4];
        var orgId = await browser.App.CreateOrganisationAsync(orgName);
        await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var team = new Team
            {
                Key = "cs-" + Guid.NewGuid().ToString("N")[..6],
                Name = "CS "
                + Guid.NewGuid().ToString("N")[..6],
                LeadUserId = lead.Id
            };
            team.Members.Add(new TeamMember { UserId = staff.Id, AddedAt = DateTimeOffset.UtcNow });
            db.Teams.Add(team);
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = page.Id,
                Title = "Obstacle avoidance",
                Codename = "Nightjar",
                Target = "2027-Q2",
                UpdatedAt = DateTimeOffset.UtcNow
            });
            await db.SaveChangesAsync();
        });

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GotoAsync("/Disclosure");
        await page.GetByLabel("Text").FillAsync("Hello partners, Nightjar brings obstacle avoidance to your fleet.");
        await page.GetByLabel("Audience").SelectOptionAsync(new SelectOptionValue { Label = orgName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check text" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Blocked" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("mark", new() { HasText = "Nightjar" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "disclosure-blocked");

        await page.GotoAsync("/Roadmap/Statements");
        // The item is picked by name: typing shows the choices, and the chosen one fills the field.
        await page.GetByLabel("Roadmap item").FillAsync("Obstacle");
        var choice = await page.Locator("#ItemId-choices option[value*='Obstacle avoidance']")
            .First.GetAttributeAsync("value");
        await page.GetByLabel("Roadmap item").FillAsync(choice!);
        await page.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = orgName });
        await page.GetByLabel(RoadmapDefaults.SeedPhrasings[0]).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask my lead" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Asked");
        await BrowserFixture.AssertAccessibleAsync(page);

        var leadPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(leadPage, lead);
        await leadPage.GotoAsync("/Roadmap/Statements");
        await leadPage.GetByRole(AriaRole.Button, new() { Name = "Approve" }).First.ClickAsync();
        await Assertions.Expect(leadPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved");
        await BrowserFixture.AssertAccessibleAsync(leadPage);
        await BrowserFixture.ScreenshotAsync(leadPage, "statements-approved");

        await page.GotoAsync("/Disclosure");
        await page.GetByLabel("Text").FillAsync(RoadmapDefaults.SeedPhrasings[0]);
        await page.GetByLabel("Audience").SelectOptionAsync(new SelectOptionValue { Label = orgName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check text" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Clear" })).ToBeVisibleAsync();
        _ = orgId;
    }

    [Fact]
    public async Task StaffAsksALead_TheLeadAllowsFromTheirHome_AndTheExactTextThenPasses()
    {
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var lead = await browser.App.CreateUserAsync(Roles.Lead);
        var codename = "Osprey" + Guid.NewGuid().ToString("N")[..4];
        await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var roadmap = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = roadmap.Id,
                Title = "Night vision payload",
                Codename = codename,
                Target = "2027-Q4",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var text = $"For the pilot group only: {codename} is what you are testing.";

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GotoAsync("/Disclosure");
        await page.GetByLabel("Text").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check text" }).ClickAsync();
        await page.GetByLabel("Why it should go out as it is").FillAsync("The pilot group signed an NDA.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask a lead to let it through" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A lead has been asked");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Blocked" }))
            .ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        var leadPage = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(leadPage, lead);
        await leadPage.GotoAsync("/");
        await leadPage.GetByRole(AriaRole.Link, new() { Name = $"Decide whether \"{codename}\" may go out" })
            .ClickAsync();
        await Assertions.Expect(leadPage.GetByText("The pilot group signed an NDA.")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(leadPage);
        await BrowserFixture.ScreenshotAsync(leadPage, "override-requests");
        var request = leadPage.Locator("li.card", new() { HasText = "The pilot group signed an NDA." });
        await request.GetByRole(AriaRole.Button, new() { Name = "Allow this passage" }).ClickAsync();
        await Assertions.Expect(leadPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Allowed");
        await leadPage.GotoAsync("/");
        await Assertions.Expect(leadPage.GetByRole(AriaRole.Link,
            new() { Name = $"Decide whether \"{codename}\" may go out" }))
            .ToHaveCountAsync(0);

        await page.GotoAsync("/Disclosure");
        await page.GetByLabel("Text").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check text" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Clear" })).ToBeVisibleAsync();
    }
}
