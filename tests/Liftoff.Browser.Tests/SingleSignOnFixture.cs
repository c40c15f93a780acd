using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>
/// The app with single sign-on through the OpenID provider that scripts/test.sh starts on loopback
/// (tests/oidc-provider); its address comes in <see cref="AuthorityVariable"/>.
/// </summary>
public sealed class SingleSignOnFixture() : BrowserFixture(new SingleSignOnFactory())
{
    public const string AuthorityVariable = "LIFTOFF_TEST_OIDC_AUTHORITY";

    public static string? Authority => Environment.GetEnvironmentVariable(AuthorityVariable);

    /// <summary>Starts single sign-on on the sign-in page and signs in at the provider as <paramref
    /// name="login"/>.</summary>
    public static async Task SignInThroughProviderAsync(IPage page, string login)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Single sign-on" }).ClickAsync();
        // The provider's development login form (oidc-provider's devInteractions) accepts any password.
        await page.GetByPlaceholder("Enter any login").FillAsync(login);
        await page.GetByPlaceholder("and password").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private sealed class SingleSignOnFactory : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (Authority is { } authority)
            {
                builder.UseSetting("Authentication:OpenIdConnect:Authority", authority);
                builder.UseSetting("Authentication:OpenIdConnect:ClientId", "liftoff-tests");
                builder.UseSetting("Authentication:OpenIdConnect:ClientSecret", "liftoff-tests-secret");
                builder.UseSetting("Authentication:OpenIdConnect:RequireHttpsMetadata", "false");
            }
        }
    }
}

/// <summary>A journey through the real OpenID provider; skipped only when the test script did not start one.</summary>
public sealed class SingleSignOnFactAttribute : FactAttribute
{
    public SingleSignOnFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(SingleSignOnFixture.Authority))
        {
            Skip = $"{SingleSignOnFixture.AuthorityVariable} is not set: scripts/test.sh starts the OpenID provider " +
                "(tests/oidc-provider) and sets it.";
        }
    }
}
