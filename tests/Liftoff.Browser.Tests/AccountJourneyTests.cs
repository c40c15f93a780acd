using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class AccountJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_SignsInOpensUsersAndSignsOut()
    {
        var admin = await browser.App.CreateUserAsync(Roles.Admin);
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/Account/SignIn");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "sign-in");
        await BrowserFixture.SignInAsync(page, admin);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Exact = true }))
            .ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin pages" })
            .GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = admin.Email })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "users");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await page.GotoAsync("/Users");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
    }

    [Fact]
    public async Task Staff_OpeningAdminPage_SeesAccessDenied()
    {
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        Pages.AllowResponse(page, 403, "/Account/AccessDenied?ReturnUrl=%2FUsers");
        await page.GotoAsync("/Users");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync("/Teams");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Teams" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "teams");
    }

    [Fact]
    public async Task External_SignsIn_SeesOnlyThePortal()
    {
        var external = await browser.App.CreateUserAsync(Roles.External);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, external);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Portal"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Teams" })).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
        Pages.AllowResponse(page, 403, "/Account/AccessDenied?ReturnUrl=%2FTeams");
        await page.GotoAsync("/Teams");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "portal-denied");
    }

    [Fact]
    public async Task WrongPassword_ShowsGenericMessage()
    {
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, staff with { Password = "wrong-password-1" });

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign-in failed");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
