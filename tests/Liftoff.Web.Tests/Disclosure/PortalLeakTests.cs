using System.Net;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Disclosure;

/// <summary>Signs in as an External user, follows every link and API it can reach, and looks for roadmap words.</summary>
public sealed partial class PortalLeakTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task ExternalUser_CrawlingEverythingReachable_SeesNoRoadmapData()
    {
        var secrets = new[] { "Zephyrine Lidar Pod", "ZEPHQX", "skyhook-omega", "2031-Q4" };
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            db.RoadmapItems.Add(new RoadmapItem { PageId = page.Id, Title = secrets[0], Codename = secrets[1], Aliases = secrets[2], Target = secrets[3], UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        var kbArticle = await PublishKbArticleAsync("Working offline", "Download maps before a mission.");
        // Drafts are staff-only: a draft naming the roadmap item must not reach the portal.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var article = await db.KbArticles.SingleAsync(a => a.Id == kbArticle);
            article.BodyMarkdown = $"Soon: {secrets[0]} ({secrets[1]}) in {secrets[3]}";
            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(Roles.External);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(["/", "/Portal"]);
        _ = factory.Server;
        foreach (var route in factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern.StartsWith("/api", StringComparison.Ordinal) && !pattern.Contains('{', StringComparison.Ordinal))
            {
                queue.Enqueue(pattern);
            }
        }
        var leaks = new List<string>();
        while (queue.Count > 0 && seen.Count < 300)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url) || url.Contains("SignOut", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{url}: {s}"));
            if (response.StatusCode == HttpStatusCode.OK && (response.Content.Headers.ContentType?.MediaType?.Contains("html", StringComparison.Ordinal) ?? false))
            {
                foreach (Match m in LinkPattern().Matches(body))
                {
                    var href = WebUtility.HtmlDecode(m.Groups[1].Value);
                    if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                    {
                        queue.Enqueue(href);
                    }
                }
            }
        }
        Assert.True(seen.Count > 3, "the crawl should reach the portal's pages");
        Assert.Contains($"/Portal/Kb/{kbArticle}", seen);
        Assert.Contains("/kb/announcements.atom", seen);
        Assert.Empty(leaks);
    }

    private async Task<int> PublishKbArticleAsync(string title, string body) =>
        await factory.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<KbEditing>().CreateAsync(new KbArticleInput(title, body, KbAudience.Public, null), null);
            var published = await sp.GetRequiredService<KbPublishing>().PublishAsync(created.Value!.Id, created.Value.RowVersion, null);
            Assert.NotNull(published.Value?.Version);
            return created.Value.Id;
        });

    [GeneratedRegex("(?:href|src|hx-get)=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
