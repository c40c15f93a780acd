using System.Diagnostics;
using System.Globalization;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Similarity;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>Imports while the app serves suggestions: how fast suggestions answer meanwhile, and how long the
/// imported requests wait to be found.</summary>
internal static partial class ServedSimilarity
{
    /// <summary>
    /// Suggestions asked for over and over while a backlog import is written and its new requests are
    /// embedded; once it is written, a few requests are saved meanwhile and timed until found by their meaning.
    /// </summary>
    private static async Task<(double Suggestions, double SavedMeaning, double ImportWords, double ImportMeaning)>
        DuringImportAsync(IServiceProvider services, HttpClient client, SimilarRequestEngine engine,
            List<string> typed, int rows, Func<Task<(List<double> Words, List<double> Meaning)>> saveSome)
    {
        var id = await QueueImportAsync(services, ImportBenchmark.Workbook(ImportBenchmark.Requests(rows,
            new Random(7))));
        var before = engine.Indexed;
        var freshness = new ImportFreshness(engine);
        var (pausedBefore, fullBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        var startedAt = new List<double>();
        var clock = Stopwatch.StartNew();
        var import = Task.Run(() => services.GetRequiredService<ImportJobRunner>().RunAsync(id));
        var latencies = new List<double>();
        var query = 0;
        double? importSeconds = null;
        var saved = new List<double>();
        var pendingWhenSaved = 0;
        // Until the import is written and every new request embedded (at most five minutes).
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (import.IsCompleted && importSeconds is null)
            {
                await import;
                importSeconds = clock.Elapsed.TotalSeconds;
            }
            // Once the index has read the imported rows and is busy embedding them.
            if (importSeconds is not null && saved.Count == 0 && clock.Elapsed.TotalSeconds > importSeconds + 5)
            {
                pendingWhenSaved = engine.PendingEmbeddings;
                saved = (await saveSome()).Meaning;
            }
            if (importSeconds is not null && engine.PendingEmbeddings == 0)
            {
                break;
            }
            var started = clock.Elapsed.TotalMilliseconds;
            freshness.Sample(started / 1000);
            await SimilarAsync(client, typed[query++ % typed.Count]);
            latencies.Add(clock.Elapsed.TotalMilliseconds - started);
            startedAt.Add(started / 1000);
            await Task.Delay(20);
        }
        var p95 = Stats.Percentile(latencies, 95);
        var savedP95 = Stats.Percentile(saved, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"saved during import: {saved.Count} requests saved through the API while {pendingWhenSaved} imported " +
            $"requests awaited their vectors, found by their meaning after p50 {Stats.Percentile(saved, 50):F0} ms, " +
            $"p95 {savedP95:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"during import: {rows} rows written in {importSeconds ?? double.NaN:F1} s, " +
            $"{engine.Indexed - before - saved.Count} new requests indexed and {engine.PendingEmbeddings} still to " +
            $"embed after {clock.Elapsed.TotalSeconds:F1} s; {latencies.Count} suggestions meanwhile p50 " +
            $"{Stats.Percentile(latencies, 50):F1} ms, p95 {p95:F1} ms, max {latencies.Max():F1} ms (the slowest: " +
            $"{string.Join(", ", Enumerable.Range(0, latencies.Count).OrderByDescending(i => latencies[i]).Take(5)
                .Select(i => $"{latencies[i]:F0} ms at {startedAt[i]:F1} s"))}); the process " +
            $"paused for garbage collection {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:F0} ms in " +
            $"all, {GC.CollectionCount(2) - fullBefore} full collections; load {Load.Average()}"));
        var (words, _, meaningP95, _) = freshness.After(importSeconds ?? double.NaN, saved.Count);
        return (p95, savedP95, words, meaningP95);
    }

    /// <summary>
    /// A small import on its own, as a reseller's list is imported on a working day: how long its new requests wait
    /// after it is written to be found by their words and by their meaning.
    /// </summary>
    private static async Task<double> SmallImportAsync(IServiceProvider services, SimilarRequestEngine engine,
        int rows)
    {
        var id = await QueueImportAsync(services, ImportBenchmark.Workbook(ImportBenchmark.Requests(rows,
            new Random(11))));
        var freshness = new ImportFreshness(engine);
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<ImportJobRunner>().RunAsync(id);
        var written = clock.Elapsed.TotalSeconds;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            freshness.Sample(clock.Elapsed.TotalSeconds);
            if (engine.PendingEmbeddings == 0 && clock.Elapsed.TotalSeconds > written + 0.5)
            {
                break;
            }
            await Task.Delay(20);
        }
        Console.Write($"small import of {rows} rows, written in {written:F1} s: ");
        return freshness.After(written, 0).MeaningP95;
    }

    private static async Task<long> QueueImportAsync(IServiceProvider services, byte[] content)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<BacklogImporter>();
        var id = (await importer.UploadAsync("bench.xlsx", content, null)).Value;
        var queued = await importer.QueueAsync(id);
        return queued.IsOk ? id : throw new InvalidOperationException("the import did not queue: " + queued.Message);
    }
}
