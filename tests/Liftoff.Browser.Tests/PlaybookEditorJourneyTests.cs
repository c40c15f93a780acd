using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class PlaybookEditorJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lead_EditsPlaybookSteps_SeesValidationNextToTheStep_ThenSaves()
    {
        var lead = await browser.App.CreateUserAsync(Roles.Lead);
        await browser.App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (!await db.Teams.AnyAsync(t => t.Key == "delivery"))
            {
                db.Teams.Add(new Team { Key = "delivery", Name = "Delivery" });
                await db.SaveChangesAsync();
            }
        });
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, lead);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Releases" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Releases pages" })
            .GetByRole(AriaRole.Link, new() { Name = "Playbooks" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New playbook" }).ClickAsync();
        await page.GetByLabel("Playbook name").FillAsync("Hardware launch");
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Step 1: Kick-off" });
        await first.GetByLabel("Offset amount of step 1").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a step" }).ClickAsync();

        var second = page.GetByRole(AriaRole.Group, new() { Name = "Step 2" });
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("Ship to the field");
        await second.GetByLabel("Offset amount of step 2").FillAsync("3");
        await second.GetByLabel("Before or after the release, step 2").SelectOptionAsync("after");
        await second.GetByRole(AriaRole.Group, new() { Name = "Owners" }).GetByLabel("Delivery (team)").CheckAsync();
        await second.GetByLabel("Condition").SelectOptionAsync("SignificantChanges=true");
        await second.GetByRole(AriaRole.Group, new() { Name = "Prerequisites" }).GetByRole(AriaRole.Checkbox)
            .First.CheckAsync();
        await second.GetByText("Description and checklist").ClickAsync();
        await second.GetByLabel("Checklist (one item per line)").FillAsync("Pack kits\nBrief the field");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save playbook" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The playbook was not saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Step 1: Kick-off" }))
            .ToContainTextAsync("The offset 60 weeks before is more than 365 days from the release date.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "playbook-editor-invalid");

        await page.GetByRole(AriaRole.Group, new() { Name = "Step 1: Kick-off" }).GetByLabel("Offset amount of step 1")
            .FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move up: step 2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Step 1: Ship to the field" }))
            .ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save playbook" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Playbook saved.");
        var shipped = page.GetByRole(AriaRole.Group, new() { Name = "Step 1: Ship to the field" });
        await Assertions.Expect(shipped.GetByRole(AriaRole.Group, new() { Name = "Prerequisites" })
            .Locator("input[value='kickoff']")).ToBeCheckedAsync();
        await Assertions.Expect(shipped.GetByRole(AriaRole.Group, new() { Name = "Owners" })
            .GetByLabel("Delivery (team)")).ToBeCheckedAsync();
        await Assertions.Expect(shipped.GetByLabel("Condition")).ToHaveValueAsync("SignificantChanges=true");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "playbook-editor-saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "← Playbooks" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hardware launch" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ship to the field" }))
            .ToContainTextAsync("3 days after");
    }
}
