using System.Net;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Disclosure;

/// <summary>Signs in as an External user, follows every link and API it can reach, and looks for roadmap
/// words.</summary>
public sealed partial class PortalLeakTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task ExternalUser_CrawlingEverythingReachable_SeesNoRoadmapData()
    {
        var secrets = new[] { "Zephyrine Lidar Pod", "ZEPHQX", "skyhook-omega", "2031-Q4" };
        var external = await factory.CreateUserAsync(Roles.External);
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var page = await db.RoadmapPages.FirstAsync();
            var item = new RoadmapItem
            {
                PageId = page.Id,
                Title = secrets[0],
                Codename = secrets[1],
                Aliases = secrets[2],
                Target = secrets[3],
                UpdatedAt = DateTimeOffset.UtcNow
            };
            db.RoadmapItems.Add(item);
            await db.SaveChangesAsync();
            // The External user's own request, planned on that item, with internal notes and a staff comment naming it.
            var request = new FeatureRequest
            {
                Title = "Point cloud colouring",
                Status = FeatureRequestStatus.Planned,
                RoadmapItemId = item.Id,
                InternalNotes = $"Planned as {secrets[1]} for {secrets[3]}",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            request.Votes.Add(new RequestVote
            {
                OrganisationId = external.OrganisationId!.Value,
                ContactEmail = external.Email,
                ContactName = "External",
                CreatedAt = DateTimeOffset.UtcNow
            });
            db.FeatureRequests.Add(request);
            await db.SaveChangesAsync();
            db.RequestComments.Add(new RequestComment
            {
                RequestId = request.Id,
                Body = $"Goes into {secrets[0]}",
                AuthorName = "staff",
                CreatedAt = DateTimeOffset.UtcNow
            });
            db.RequestStatusChanges.Add(new RequestStatusChange
            {
                RequestId = request.Id,
                At = DateTimeOffset.UtcNow,
                From = FeatureRequestStatus.New,
                To = FeatureRequestStatus.Planned,
                Note = $"on {secrets[2]}"
            });
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
        // Feature requests of the user's own organisation that staff tied to the roadmap in their notes,
        // their description and, once, their title: the portal's lists and suggestions must not show it.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            FeatureRequest Request(string title, string description) => new()
            {
                Title = title,
                Description = description,
                InternalNotes = $"Goes into {secrets[0]} ({secrets[1]}), {secrets[3]}",
                CreatedAt = now,
                UpdatedAt = now,
                Votes = [new RequestVote { OrganisationId = external.OrganisationId!.Value,
                    ContactEmail = external.Email.ToLowerInvariant(), CreatedAt = now }],
            };
            db.FeatureRequests.AddRange(
                Request("Lidar survey of power lines", $"Staff note: this is the {secrets[0]}, codename {secrets[1]}."),
                Request($"Support for the {secrets[0]}", "Lidar payload."));
            await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(external);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(["/", "/Portal",
            "/Portal/Requests?handler=Similar&title=lidar+survey+power+lines&description=lidar+payload"]);
        _ = factory.Server;
        foreach (var route in factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>())
        {
            var pattern = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern.StartsWith("/api", StringComparison.Ordinal)
                && !pattern.Contains('{', StringComparison.Ordinal))
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
            leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase))
                .Select(s => $"{url}: {s}"));
            if (response.StatusCode == HttpStatusCode.OK && (response.Content.Headers.ContentType?.MediaType?.Contains(
                "html", StringComparison.Ordinal) ?? false))
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
        Assert.Contains("/Portal/Requests", seen);
        var requests = await client.GetStringAsync("/Portal/Requests");
        var suggestions = await client.GetStringAsync(
            "/Portal/Requests?handler=Similar&title=lidar+survey+power+lines");
        Assert.Contains("Lidar survey of power lines", requests, StringComparison.Ordinal);
        Assert.Contains("Lidar survey of power lines", suggestions, StringComparison.Ordinal);
        Assert.Empty(leaks);
    }

    private async Task<int> PublishKbArticleAsync(string title, string body) =>
        await factory.WithScopeAsync(async sp =>
        {
            var created = await sp.GetRequiredService<KbEditing>()
                .CreateAsync(new KbArticleInput(title, body, KbAudience.Public, null), null);
            var published = await sp.GetRequiredService<KbPublishing>()
                .PublishAsync(created.Value!.Id, created.Value.RowVersion, null);
            Assert.NotNull(published.Value?.Version);
            return created.Value.Id;
        });

    [GeneratedRegex("(?:href|src|hx-get)=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
