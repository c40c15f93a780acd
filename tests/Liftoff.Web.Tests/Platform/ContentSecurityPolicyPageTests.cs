using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Platform;

/// <summary>The Content-Security-Policy allows no inline styles, so pages must not render any.</summary>
public sealed class ContentSecurityPolicyPageTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/Releases")]
    [InlineData("/Tasks/MyWeek")]
    public async Task PagesWithFormsRenderNoInlineStyleAndNeedNoFaviconRequest(string url)
    {
        var client = url.StartsWith("/Account", StringComparison.Ordinal)
            ? factory.CreateBrowserLikeClient()
            : await factory.SignedInClientAsync(Roles.Staff);

        var html = await client.GetStringAsync(url);

        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<link rel=\"icon\" href=\"data:,\" />", html);
    }
}
