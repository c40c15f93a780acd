using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>Sign-in through a real OpenID provider (see tests/oidc-provider/server.js for its accounts).</summary>
public sealed class SingleSignOnJourneyTests(SingleSignOnFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<SingleSignOnFixture>
{
    [SingleSignOnFact]
    public async Task SignIn_VerifiedEmail_LinksAccountThenMatchesBySubjectAfterEmailChange()
    {
        var user = await browser.App.CreateUserAsync(Roles.Staff, email: "ada@sso.test");
        var page = await browser.NewPageAsync();

        await SingleSignOnFixture.SignInThroughProviderAsync(page, "ada");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Exact = true }))
            .ToBeVisibleAsync();
        Assert.Equal(["ada"], await ProviderKeysAsync(user.Id));
        Assert.True(await AuditedAsync("user.sso-linked", user.Id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await browser.App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            Assert.True((await users.SetEmailAsync(stored!, "ada.renamed@test.example")).Succeeded);
        });

        // The provider still says ada@sso.test, which no account has now: only the subject can find her.
        // Her session at the provider is still open, so it answers without asking again.
        await page.GotoAsync("/Account/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Single sign-on" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Exact = true }))
            .ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        Assert.Equal(["ada"], await ProviderKeysAsync(user.Id));
    }

    [SingleSignOnFact]
    public async Task SignIn_UnverifiedEmail_IsRefusedWithMessageAndNotLinked()
    {
        var user = await browser.App.CreateUserAsync(Roles.Staff, email: "una@sso.test");
        var page = await browser.NewPageAsync();

        await SingleSignOnFixture.SignInThroughProviderAsync(page, "una");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("has not verified your email");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "sso-unverified");
        Assert.Empty(await ProviderKeysAsync(user.Id));
        Assert.True(await AuditedAsync("user.sign-in.failed", user: null, detail: "una@sso.test: email not verified"));
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
    }

    [SingleSignOnFact]
    public async Task SignIn_SecondSubjectWithSameEmail_CannotTakeOverLinkedAccount()
    {
        var user = await browser.App.CreateUserAsync(Roles.Staff, email: "bert@sso.test");
        var first = await browser.NewPageAsync();
        await SingleSignOnFixture.SignInThroughProviderAsync(first, "bert");
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Home", Exact = true }))
            .ToBeVisibleAsync();

        var second = await browser.NewPageAsync();
        await SingleSignOnFixture.SignInThroughProviderAsync(second, "bert-twin");

        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("already linked");
        await BrowserFixture.AssertAccessibleAsync(second);
        Assert.Equal(["bert"], await ProviderKeysAsync(user.Id));
        Assert.True(await AuditedAsync("user.sign-in.failed", user.Id, "already linked to another subject"));
        await second.GotoAsync("/");
        await Assertions.Expect(second).ToHaveURLAsync(new Regex("/Account/SignIn"));
    }

    [SingleSignOnFact]
    public async Task SignIn_VerifiedEmailWithoutAccount_IsRefused()
    {
        var page = await browser.NewPageAsync();

        await SingleSignOnFixture.SignInThroughProviderAsync(page, "nobody");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ExternalSignIn.NoAccount);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private Task<List<string>> ProviderKeysAsync(string userId) =>
        browser.App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .UserLogins.Where(l => l.UserId == userId && l.LoginProvider == AuthSetup.OidcScheme)
            .Select(l => l.ProviderKey).ToListAsync());

    private Task<bool> AuditedAsync(string action, string? user, string detail = "") =>
        browser.App.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .AuditEntries.AnyAsync(a => a.Action == action && (user == null || a.TargetId == user)
                && a.Details.Contains(detail)));
}
