using System.Diagnostics;
using System.Globalization;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.KnowledgeBase;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>
/// Server time of the portal's knowledge-base search, one article and the Atom feed with 5,000
/// articles of three published versions each (15,000 versions), read anonymously; the app hosted in
/// process and requests timed end to end.
/// </summary>
public sealed class KnowledgeBaseBenchmark : IBenchmark
{
    private const int Articles = 5_000;
    private const int VersionsPerArticle = 3;

    private static readonly string[] Words =
    [
        "survey", "report", "export", "flight", "plan", "map", "offline", "sensor", "battery", "mission", "camera",
            "lidar",
        "upload", "sync", "account", "licence", "reseller", "customer", "install", "update", "backup", "project",
            "layer",
        "marker", "route", "weather", "altitude", "speed", "photo", "video", "grid", "checklist", "pilot", "fleet",
            "drone",
    ];

    public string Name => "kb";

    public string Usage =>
        "[--provider sqlite|postgres] [--connection <postgres server connection string>] [--requests N]";

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        await using var database = BenchDatabase.Create(a);
        var provider = database.Provider;
        var requests = a.Number("requests", 200);
        await using var app = database.CreateApp<KbQueries>();
        var seedClock = Stopwatch.StartNew();
        var someArticle = await SeedAsync(app.Services);
        Console.WriteLine(
            $"seeded {Articles} articles, {Articles * VersionsPerArticle} versions on {provider} in " +
                $"{seedClock.Elapsed.TotalSeconds:0.0} s");

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var search = await MeasureAsync(client, i =>
            $"/Portal/Kb?Q={Words[i % Words.Length]}+{Words[(i * 7 + 3) % Words.Length]}", requests);
        // Every article's text is drawn from the same few dozen words, so the two-word search above matches
        // nearly all of them (the worst case). A reader usually looks for something few articles mention:
        // here the number of one guide, found in one article's titles only.
        var rare = await MeasureAsync(client, i => $"/Portal/Kb?Q=guide+{(i * 37) % Articles}", requests);
        var article = await MeasureAsync(client, _ => $"/Portal/Kb/{someArticle}", requests);
        var feed = await MeasureAsync(client, _ => "/kb/announcements.atom", requests);
        Report("search (two words)", search);
        Report("search (rare word)", rare);
        Report("article", article);
        Report("atom feed", feed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"articles={Articles} versions={Articles * VersionsPerArticle} " +
                $"search_p95_ms={Stats.Percentile(search, 95):0.0} " +
                    $"rare_search_p95_ms={Stats.Percentile(rare, 95):0.0} " +
                        $"article_p95_ms={Stats.Percentile(article, 95):0.0} " +
                            $"feed_p95_ms={Stats.Percentile(feed, 95):0.0}"));
        return 0;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, Func<int, string> path, int requests)
    {
        for (var i = 0; i < 10; i++)
        {
            (await client.GetAsync(path(i))).EnsureSuccessStatusCode();
        }
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path(i));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        return times;
    }

    private static void Report(string name, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={times.Count} median={Stats.Percentile(times, 50):0.0} ms " +
                $"p95={Stats.Percentile(times, 95):0.0} ms max={times.Max():0.0} ms"));

    /// <summary>Articles of all three audiences with 200-word bodies; 50 public ones announce a release (the feed's
    /// entries).</summary>
    private static async Task<int> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        var releases = Enumerable.Range(0, 50).Select(r => new ReleaseEntity
        {
            Product = ProductKind.Software,
            Version = $"kb.{r}",
            Name = $"Bench release {r}",
            PlannedDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(r),
            CreatedAt = now,
        }).ToList();
        db.Releases.AddRange(releases);
        await db.SaveChangesAsync();
        string Text(int words)
        {
            var sb = new StringBuilder();
            for (var w = 0; w < words; w++)
            {
                sb.Append(Words[random.Next(Words.Length)]).Append(w % 12 == 11 ? ".\n" : " ");
            }
            return sb.ToString();
        }
        for (var i = 0; i < Articles; i++)
        {
            var audience = (KbAudience)(i % 3);
            var article =
                new KbArticle
                {
                    Title = $"{Words[i % Words.Length]} {Words[(i / 3) % Words.Length]} guide {i}",
                    Audience = audience,
                    CreatedAt = now,
                    UpdatedAt = now,
                    PublishedVersion = VersionsPerArticle
                };
            if (audience == KbAudience.Public && i % 99 == 0 && i / 99 < releases.Count)
            {
                article.ReleaseId = releases[i / 99].Id;
            }
            for (var v = 1; v <= VersionsPerArticle; v++)
            {
                article.Versions.Add(new KbArticleVersion
                {
                    Number = v,
                    Title = article.Title,
                    BodyMarkdown = Text(200),
                    Audience = audience,
                    PublishedAt = now.AddMinutes(-(Articles - i) * 10 + v)
                });
            }
            article.BodyMarkdown = article.Versions[^1].BodyMarkdown;
            db.KbArticles.Add(article);
            if (i % 250 == 249)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        return db.KbArticles.Where(a => a.Audience == KbAudience.Public).Select(a => a.Id).First();
    }
}
