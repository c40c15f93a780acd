using System.Net;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Account;

public sealed class SignInTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task SignIn_CorrectPassword_RedirectsHomeAndAudits()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = factory.CreateBrowserLikeClient();

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(await AuditActionsAsync(user.Id), a => a == "user.sign-in");
    }

    [Fact]
    public async Task SignIn_ExternalUser_LandsOnPortal()
    {
        var user = await factory.CreateUserAsync(Roles.External);
        var client = factory.CreateBrowserLikeClient();

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal("/Portal", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsOneGenericMessageAndAudits()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = factory.CreateBrowserLikeClient();

        var wrong = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = "not-the-password" });
        var unknown = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = "nobody@test.example", ["Password"] = "whatever-123" });

        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(SignInModel.FailureMessage), wrongHtml);
        Assert.Contains(WebUtility.HtmlEncode(SignInModel.FailureMessage), unknownHtml);
        Assert.Contains(await AuditActionsAsync(user.Id), a => a == "user.sign-in.failed");
    }

    [Fact]
    public async Task SignIn_FiveFailures_LocksOutEvenWithCorrectPassword()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
                new() { ["Email"] = user.Email, ["Password"] = "wrong-password-" + i });
        }

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(SignInModel.FailureMessage), await response.Content.ReadAsStringAsync());
        Assert.Contains(await AuditActionsAsync(user.Id), a => a == "user.sign-in.locked-out");
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = factory.CreateBrowserLikeClient();

        var response = await client.PostAsync("/Account/SignIn",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = user.Email,
                ["Password"] = user.Password
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await AuditActionsAsync(user.Id), a => a == "user.sign-in");
    }

    [Fact]
    public async Task SignOut_AfterSignIn_EndsTheSession()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = await factory.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Teams")).StatusCode);

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignOut", [], pageUrl: "/Teams");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/Teams");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location?.AbsolutePath
            ?? after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_DeactivatedUser_IsRefused()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var entity = await db.Users.SingleAsync(u => u.Id == user.Id);
            entity.IsActive = false;
            await db.SaveChangesAsync();
        });
        var client = factory.CreateBrowserLikeClient();

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(SignInModel.FailureMessage), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndSameSite()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);
        var client = factory.CreateBrowserLikeClient();

        var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Email"] = user.Email, ["Password"] = user.Password });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c =>
            c.StartsWith("liftoff.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private Task<List<string>> AuditActionsAsync(string userId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Where(a => a.TargetId == userId)
            .Select(a => a.Action).ToListAsync());
}
