using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Embeddings;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>
/// The similar-request search as users call it: the requests stored in a database (SQLite or
/// PostgreSQL), the app started on Kestrel over loopback, its index built by the app itself, and
/// <c>GET /api/requests/similar?text=…</c> timed over HTTP with an API token, query embedding,
/// token check, index lock and database reads included. Then freshness (how long until a request
/// saved through the API is found, by its words and by its meaning) and suggestion latency while
/// a 10,000-row import is written and embedded.
/// </summary>
internal static partial class ServedSimilarity
{
    public sealed record Figures(
        double P50, double P95, double FreshWordsP95, double FreshMeaningP95, double DuringImportP95,
        double SavedDuringImportMeaningP95, double ImportWordsSeconds, double ImportMeaningP95Seconds,
        double SmallImportMeaningP95Seconds);

    private sealed record Hit(long Id, string Title, double Score, double TextScore, double MeaningScore);

    public static async Task<Figures> RunAsync(
        BenchArgs a, IReadOnlyList<SimilarityDocument> corpus, IReadOnlyList<float[]> vectors, int count,
        int typedCount, int seed)
    {
        await using var database = BenchDatabase.Create(a);
        var importRows = a.Number("import-rows", 10_000);
        var smallImportRows = a.Number("small-import-rows", 200);
        var freshSamples = a.Number("fresh-samples", 20);
        // The app's models, reading texts after the words this run measures (--text-prefix; the app's by default).
        var prefix = a.Optional("text-prefix") ?? CombinedTextEmbedder.TextPrefix;
        await using var host = database.CreateApp<BacklogImporter>(b => b
            .UseSetting("Backlog:RunImportsInBackground", "false")
            .ConfigureServices(s => s.AddSingleton<ITextEmbedder>(_ => CombinedTextEmbedder.MiniLmAndArctic(
                textPrefix: prefix))));
        host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var services = host.Services;
        var baseUrl = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .TrimEnd('/');
        var engine = services.GetRequiredService<SimilarRequestEngine>();

        var clock = Stopwatch.StartNew();
        await StoreAsync(services, corpus, vectors, count, seed);
        Console.WriteLine($"served: stored {count} requests with vectors on {database.Provider} in " +
            $"{clock.Elapsed.TotalSeconds:F1} s; load {Load.Average()}");
        clock.Restart();
        while (engine.Indexed < count || engine.PendingEmbeddings > 0)
        {
            await Task.Delay(100);
        }
        Console.WriteLine($"served: the app's index holds {engine.Indexed} requests " +
            $"{clock.Elapsed.TotalSeconds:F1} s after the last was stored");

        var (token, organisationId) = await CreateTokenAsync(services);
        using var client = new HttpClient(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var typed = TypedTexts(corpus, typedCount, seed + 1);
        // A running app has compiled its hot paths fully: other queries first, then a pause for the
        // compiler's background work, so the figures are those of the app in use, not of its first minute.
        foreach (var text in TypedTexts(corpus, 100, seed + 2))
        {
            await SimilarAsync(client, text);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var latencies = new List<double>();
        foreach (var text in typed)
        {
            clock.Restart();
            await SimilarAsync(client, text);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / typed.Count;
        var p50 = Stats.Percentile(latencies, 50);
        var p95 = Stats.Percentile(latencies, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"served GET /api/requests/similar on {engine.Indexed} requests ({database.Provider}, HTTP over " +
            $"loopback, bearer token, typed text <= 64 word pieces): p50 {p50:F1} ms, p95 {p95:F1} ms, max " +
            $"{latencies.Max():F1} ms; {cpuPerQuery:F1} ms of CPU per query (client and server); load " +
            $"{Load.Average()}"));

        await BreakdownAsync(client, engine, typed);
        var clients = a.Number("concurrent-clients", 8);
        if (clients > 1)
        {
            await ConcurrentAsync(client, typed, clients);
        }

        var (words, meaning) = await FreshnessAsync(client, corpus, organisationId, freshSamples, seed, "fresh");
        var wordsP95 = Stats.Percentile(words, 95);
        var meaningP95 = Stats.Percentile(meaning, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fresh: {words.Count} requests saved through the API found by their words after p50 " +
            $"{Stats.Percentile(words, 50):F0} ms, p95 {wordsP95:F0} ms; by their meaning (vector indexed) after " +
            $"p50 {Stats.Percentile(meaning, 50):F0} ms, p95 {meaningP95:F0} ms (each: " +
            $"{string.Join(' ', meaning.Select(m => m.ToString("F0")))}); load {Load.Average()}"));

        var (duringImport, savedDuringImport, importWords, importMeaning) = importRows > 0
            ? await DuringImportAsync(services, client, engine, typed, importRows,
                () => FreshnessAsync(client, corpus, organisationId, 5, seed + 3, "saved during import"))
            : (double.NaN, double.NaN, double.NaN, double.NaN);
        var smallImport = smallImportRows > 0 ? await SmallImportAsync(services, engine, smallImportRows) : double.NaN;
        return new Figures(p50, p95, wordsP95, meaningP95, duringImport, savedDuringImport, importWords, importMeaning,
            smallImport);
    }

    /// <summary>
    /// Where the served time goes: the pipeline with the token check alone, the engine without HTTP, the
    /// index alone.
    /// </summary>
    private static async Task BreakdownAsync(HttpClient client, SimilarRequestEngine engine, List<string> typed)
    {
        var pipeline = new List<double>();
        var withReads = new List<double>();
        var indexOnly = new List<double>();
        var clock = new Stopwatch();
        foreach (var text in typed)
        {
            clock.Restart();
            using (var response = await client.GetAsync("/api/requests/similar?text="))
            {
                await response.Content.ReadAsByteArrayAsync();
            }
            pipeline.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await engine.SearchAsync(text, null);
            withReads.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            engine.Index.Search(text, null, 5);
            indexOnly.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which: HTTP and token check alone (empty text, answered 400) p50 " +
            $"{Stats.Percentile(pipeline, 50):F1} ms, p95 {Stats.Percentile(pipeline, 95):F1} ms; the engine " +
            $"without HTTP (index lock, catch-up and database reads) p50 {Stats.Percentile(withReads, 50):F1} ms, " +
            $"p95 {Stats.Percentile(withReads, 95):F1} ms; the index alone (embedding included) p50 " +
            $"{Stats.Percentile(indexOnly, 50):F1} ms, p95 {Stats.Percentile(indexOnly, 95):F1} ms"));
    }

    /// <summary>Several people typing at once: the typed queries shared out between clients that each ask one
    /// after the other, all at the same time.</summary>
    private static async Task ConcurrentAsync(HttpClient client, List<string> typed, int clients)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var threadsBefore = ThreadPool.ThreadCount;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < typed.Count; i += clients)
            {
                var started = Stopwatch.GetTimestamp();
                await SimilarAsync(client, typed[i]);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var list = latencies.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {clients} clients at once: {typed.Count / clock.Elapsed.TotalSeconds:F0} queries/s, each answered " +
            $"after p50 {Stats.Percentile(list, 50):F1} ms, p95 {Stats.Percentile(list, 95):F1} ms, max " +
            $"{list.Max():F1} ms; thread pool {threadsBefore} threads before, {ThreadPool.ThreadCount} after; load " +
            $"{Load.Average()}"));
    }

    private static List<string> TypedTexts(IReadOnlyList<SimilarityDocument> corpus, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => SyntheticRequests.TypedQuery(corpus[random.Next(corpus.Count)]))
            .Select(q => string.IsNullOrEmpty(q.Description) ? q.Title : q.Title + " " + q.Description).ToList();
    }

    private static async Task<List<Hit>> SimilarAsync(HttpClient client, string text)
    {
        using var response = await client.GetAsync("/api/requests/similar?text=" + Uri.EscapeDataString(text));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<Hit>>())!;
    }

    /// <summary>
    /// Saves requests through the API, then asks for suggestions with the saved title every 10 ms:
    /// found by its words is the first answer listing it; found by its meaning is the first answer
    /// that lists it with a cosine above zero, i.e. once its vector is in the index.
    /// </summary>
    private static async Task<(List<double> Words, List<double> Meaning)> FreshnessAsync(
        HttpClient client, IReadOnlyList<SimilarityDocument> corpus, int organisationId, int samples, int seed,
        string label)
    {
        var random = new Random(seed + 2);
        var words = new List<double>();
        var meaning = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var source = corpus[random.Next(corpus.Count)];
            var title = $"{Clip(source.Title, 230)} ({label} {i})";
            var description = Clip(source.Description ?? "", 2000);
            var clock = Stopwatch.StartNew();
            using var created = await client.PostAsJsonAsync("/api/requests", new
            {
                title,
                description,
                requestor = new
                {
                    organisationId,
                    contactEmail = $"{label.Replace(' ', '-')}-{i}@reseller.example",
                    contactName = "Fresh",
                },
            });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<RequestView>())!.Id;
            double? foundByWords = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                var hit = (await SimilarAsync(client, title)).FirstOrDefault(h => h.Id == id);
                if (hit is not null)
                {
                    foundByWords ??= clock.Elapsed.TotalMilliseconds;
                    if (hit.MeaningScore > 0)
                    {
                        break;
                    }
                }
                await Task.Delay(10);
            }
            words.Add(foundByWords ?? double.PositiveInfinity);
            meaning.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (words, meaning);
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}
