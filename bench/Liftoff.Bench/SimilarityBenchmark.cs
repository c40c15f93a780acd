using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Bench;

/// <summary>
/// Quality and speed of <see cref="SimilarRequestIndex"/> with the real MiniLM embedder: duplicate
/// retrieval on a GitBugs corpus, then typed-query latency on a large synthetic pool.
/// </summary>
public sealed class SimilarityBenchmark : IBenchmark
{
    public string Name => "similarity";

    public string Usage =>
        "--corpus <bugs.csv> --pairs <pairs.csv> [--synthetic 100000] [--typed-queries 200] " +
        "[--model both|minilm|arctic] [--arctic-share-x100 50] [--no-centring] [--centring-prior 100] " +
        "[--word-pieces 64] [--query-word-pieces 0] [--meaning-weight-x100 30] [--short-meaning-weight-x100 3000] " +
        "[--short-terms 8] [--long-terms 18] [--plain-long-terms 40] [--weak-word-match-x100 30] [--seed 1] " +
        "[--full-precision] [--text-prefix \"A customer would like \"] " +
        "[--title-vectors] [--served 100000] " +
        "[--provider sqlite|postgres] [--connection <postgres server connection string>] [--import-rows 10000] " +
        "[--small-import-rows 200] [--concurrent-clients 8] " +
        "[--fresh-samples 20] [--query-threads 1] [--show-misses]";

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        var corpus = GitBugsCorpus.Load(a.ExistingFile("corpus"));
        var (queries, skipped) = corpus.LoadQueries(a.ExistingFile("pairs"));
        var syntheticCount = a.Number("synthetic", 100_000);
        var typedCount = a.Number("typed-queries", 200);
        var seed = a.Number("seed", 1);
        var figures = new List<(string Key, string Value)>();
        void Figure(string key, double value, string format = "F1") =>
            figures.Add((key, value.ToString(format, CultureInfo.InvariantCulture)));

        var defaults = new SimilaritySettings();
        var settings = defaults with
        {
            EmbeddingWordPieces = a.Number("word-pieces", defaults.EmbeddingWordPieces),
            QueryWordPieces = a.Number("query-word-pieces", defaults.QueryWordPieces),
            MeaningWeight = a.Number("meaning-weight-x100", (int)Math.Round(defaults.MeaningWeight * 100)) / 100.0,
            ShortQueryMeaningWeight = a.Number("short-meaning-weight-x100",
                (int)Math.Round(defaults.ShortQueryMeaningWeight * 100)) / 100.0,
            ShortQueryTerms = a.Number("short-terms", defaults.ShortQueryTerms),
            LongQueryTerms = a.Number("long-terms", defaults.LongQueryTerms),
            FullPrecisionVectors = a.Optional("full-precision") == "true",
            TitleVectors = a.Optional("title-vectors") == "true",
            WeakWordMatch = a.Number("weak-word-match-x100", (int)Math.Round(defaults.WeakWordMatch * 100)) / 100.0,
            PlainLongQueryTerms = a.Number("plain-long-terms", defaults.PlainLongQueryTerms),
            Centring = a.Optional("no-centring") == "true" ? null
                : new VectorCentring(a.Number("centring-prior", (int)defaults.Centring!.Prior)),
        };
        if (settings.TitleVectors && syntheticCount > 0)
        {
            throw new BenchArgumentException("--title-vectors measures quality only: pass --synthetic 0");
        }
        var servedCount = a.Number("served", syntheticCount);
        var model = a.Optional("model") ?? "both";
        if (servedCount > 0 && model != "both")
        {
            throw new BenchArgumentException(
                "the served measurements use the app's model: pass --served 0 with --model " + model);
        }
        using var embedders = new EmbedderChoice(model, a.Number("arctic-share-x100", 50) / 100.0,
            a.Number("query-threads", 1), a.Optional("text-prefix") ?? CombinedTextEmbedder.TextPrefix);
        var embedder = embedders.Embedder;
        var index = new SimilarRequestIndex(embedder, settings);
        Console.WriteLine(
            $"corpus: {corpus.Documents.Count} requests; {queries.Count} queries (Summary + Description), {skipped} " +
                $"pair rows skipped; model {embedder.Name}, {(settings.Centring is null ? "not " : "")}centred, " +
                    $"embedding {settings.EmbeddingWordPieces} word pieces, " +
                    $"meaning weight {settings.ShortQueryMeaningWeight} (short) to {settings.MeaningWeight} (long); " +
                        $"load {Load.Average()}");
        embedder.Embed(["warm up"]);
        embedder.EmbedQueries(["warm up"]);
        var modelWorkingSetMb = WorkingSetMb();
        Console.WriteLine(
            $"working set with the model loaded and the corpus read: {modelWorkingSetMb:F0} MB; vectors kept as " +
                $"{(settings.FullPrecisionVectors ? "floats" : "8-bit codes")}");

        var clock = Stopwatch.StartNew();
        var cpu = CpuTime();
        var vectors = index.EmbedMany(corpus.Documents);
        var embedSeconds = clock.Elapsed.TotalSeconds;
        var embedCpuMs = (CpuTime() - cpu).TotalMilliseconds / corpus.Documents.Count;
        clock.Restart();
        index.Rebuild(corpus.Documents.Select((d, i) => d with { Embedding = vectors[i] }).ToList());
        var indexSeconds = clock.Elapsed.TotalSeconds;
        var buildRate = corpus.Documents.Count / (embedSeconds + indexSeconds);
        Console.WriteLine(
            $"build: {embedSeconds + indexSeconds:F1} s ({embedSeconds:F1} s embedding, {indexSeconds:F2} s " +
                $"indexing), {buildRate:F0} requests/s; embedding used {embedCpuMs:F1} ms of CPU per request " +
                    $"({Environment.ProcessorCount * 1000 / embedCpuMs:F0}/s if all {Environment.ProcessorCount} " +
                        $"cores were free); load {Load.Average()}");

        var byId = corpus.Documents.ToDictionary(d => d.Id);
        var metrics = new RankingMetrics();
        var latencies = new List<double>();
        foreach (var q in queries)
        {
            var request = byId[q.Id];
            clock.Restart();
            var results = index.Search(request.Title, request.Description, index.Count, excludeId: q.Id);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            metrics.Add(results.Select(r => r.Id).ToList(), q.Relevant);
            if (a.Optional("show-misses") == "true")
            {
                ShowMiss(request, results, q.Relevant, byId);
            }
        }
        Console.WriteLine(
            $"quality: R@1 {metrics.Recall(1):F1}  R@5 {metrics.Recall(5):F1}  R@10 {metrics.Recall(10):F1}  R@20 " +
                $"{metrics.Recall(20):F1}  MRR {metrics.Mrr:F1}  ({metrics.Queries} queries)");
        Console.WriteLine(
            $"query latency (embedding included, full ranking): median {Stats.Percentile(latencies, 50):F1} ms, p95 " +
                $"{Stats.Percentile(latencies, 95):F1} ms");
        figures.Add(("queries", metrics.Queries.ToString(CultureInfo.InvariantCulture)));
        foreach (var k in new[] { 1, 5, 10, 20 })
        {
            Figure($"R@{k}", metrics.Recall(k));
        }
        Figure("MRR", metrics.Mrr);
        Figure("build_docs_per_s", buildRate, "F0");
        Figure("p50_ms", Stats.Percentile(latencies, 50));
        Figure("p95_ms", Stats.Percentile(latencies, 95));

        if (syntheticCount > 0)
        {
            // Measured again just before the large index is built: the models' first runs leave scratch memory
            // that settles only after a while.
            modelWorkingSetMb = WorkingSetMb();
            RunSynthetic(index, corpus.Documents, vectors, syntheticCount, typedCount, seed, figures);
            var total = double.Parse(figures.First(f => f.Key == "working_set_mb").Value, CultureInfo.InvariantCulture);
            Console.WriteLine(
                $"working set beside the model (total minus {modelWorkingSetMb:F0} MB with the models used and the " +
                    $"corpus indexed): " +
                    $"{total - modelWorkingSetMb:F0} MB");
            Figure("index_working_set_mb", total - modelWorkingSetMb, "F0");
        }
        index.Dispose();
        index = null;
        if (servedCount > 0)
        {
            // The app builds its own index: the one measured above is returned to the system first.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var served = await ServedSimilarity.RunAsync(a, corpus.Documents, vectors, servedCount, typedCount, seed);
            Figure("served_p50_ms", served.P50);
            Figure("served_p95_ms", served.P95);
            Figure("fresh_words_p95_ms", served.FreshWordsP95, "F0");
            Figure("fresh_meaning_p95_ms", served.FreshMeaningP95, "F0");
            Figure("during_import_p95_ms", served.DuringImportP95);
            Figure("saved_during_import_meaning_p95_ms", served.SavedDuringImportMeaningP95, "F0");
            Figure("import_words_s", served.ImportWordsSeconds);
            Figure("import_meaning_p95_s", served.ImportMeaningP95Seconds);
            Figure("small_import_meaning_p95_s", served.SmallImportMeaningP95Seconds);
        }
        // The working set figure ends the line.
        var workingSet = figures.FindIndex(f => f.Key == "working_set_mb");
        if (workingSet >= 0)
        {
            figures.Add(figures[workingSet]);
            figures.RemoveAt(workingSet);
        }
        Console.WriteLine(string.Join(' ', figures.Select(f => $"{f.Key}={f.Value}")));
        return 0;
    }

    /// <summary>A query whose duplicate is not in the top five: where it ranks, and what ranks above it.</summary>
    private static void ShowMiss(SimilarityDocument query, IReadOnlyList<SimilarRequest> results,
        HashSet<long> relevant, Dictionary<long, SimilarityDocument> byId)
    {
        var rank = results.Select((r, i) => (r, i)).FirstOrDefault(x => relevant.Contains(x.r.Id));
        if (rank.r is not null && rank.i < 5)
        {
            return;
        }
        static string Line(SimilarRequest r, SimilarityDocument d) => string.Create(CultureInfo.InvariantCulture,
            $"{r.Score:F3} (words {r.TextScore:F2}, meaning {r.MeaningScore:F3}) {d.Title}");
        Console.WriteLine($"miss: {query.Title} | {Clip(query.Description)}");
        Console.WriteLine(rank.r is null ? "  duplicate not ranked"
            : $"  duplicate #{rank.i + 1}: {Line(rank.r, byId[rank.r.Id])}");
        foreach (var r in results.Take(3))
        {
            Console.WriteLine($"  above: {Line(r, byId[r.Id])}");
        }
        static string Clip(string? text) => text is null ? "" : text.Length > 80 ? text[..80] : text;
    }

    private static void RunSynthetic(SimilarRequestIndex index, List<SimilarityDocument> corpus, float[][] vectors,
        int count, int typedCount, int seed, List<(string, string)> figures)
    {
        var clock = Stopwatch.StartNew();
        var (generateSeconds, indexSeconds) = BuildSynthetic(index, corpus, vectors, count, seed);
        Console.WriteLine(
            $"synthetic: {count} requests recombined from the corpus, vectors = real corpus embeddings plus noise " +
                $"({generateSeconds:F1} s)");
        Console.WriteLine(
            $"synthetic index: {indexSeconds:F1} s without embedding ({count / indexSeconds:F0} requests/s)");
        // Return the generated pool's memory to the system, so the working set is the model and index.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (terms, postings) = index.WordIndexSize;
        Console.WriteLine(
            $"word index: {terms} terms, {postings} postings ({postings / (double)index.Count:F0} per request); " +
                $"managed heap {GC.GetTotalMemory(false) / (1024.0 * 1024.0):F0} MB");

        var random = new Random(seed);
        var typed = Enumerable.Range(0, typedCount).Select(_ =>
            SyntheticRequests.TypedQuery(corpus[random.Next(corpus.Count)])).ToList();
        // Other queries first and a pause for the compiler's background work: the figures of a running app.
        var warmUp = new Random(seed + 2);
        for (var i = 0; i < 100; i++)
        {
            var (title, description) = SyntheticRequests.TypedQuery(corpus[warmUp.Next(corpus.Count)]);
            index.Search(title, description);
        }
        Thread.Sleep(TimeSpan.FromSeconds(2));
        var latencies = new List<double>();
        var embedding = new List<double>();
        var searching = new List<double>();
        var cpu = CpuTime();
        foreach (var (title, description) in typed)
        {
            clock.Restart();
            var vector = index.EmbedQuery(title, description);
            var embedded = clock.Elapsed.TotalMilliseconds;
            index.Search(new SimilarityQuery(title, description, 10), vector);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            embedding.Add(embedded);
            searching.Add(clock.Elapsed.TotalMilliseconds - embedded);
        }
        var cpuPerQuery = (CpuTime() - cpu).TotalMilliseconds / typed.Count;
        var workingSetMb = WorkingSetMb();
        Console.WriteLine(
            $"typed queries on {index.Count} requests (title + start of description, <= 64 word pieces, its first " +
                $"{(index.Settings.QueryWordPieces > 0 ? index.Settings.QueryWordPieces
                    : index.Settings.EmbeddingWordPieces)} embedded per query, top 10): p50 " +
                    $"{Stats.Percentile(latencies, 50):F1} ms, p95 {Stats.Percentile(latencies, 95):F1} ms");
        Console.WriteLine(
            $"  of which query embedding p50 {Stats.Percentile(embedding, 50):F1} ms, p95 " +
                $"{Stats.Percentile(embedding, 95):F1} ms; search p50 {Stats.Percentile(searching, 50):F1} ms, p95 " +
                    $"{Stats.Percentile(searching, 95):F1} ms; {cpuPerQuery:F1} ms of CPU per query (all threads)");
        Console.WriteLine(
            $"working set {workingSetMb:F0} MB (model, index, corpus and its vectors), managed heap " +
                $"{GC.GetTotalMemory(false) / (1024.0 * 1024.0):F0} MB; load {Load.Average()}");
        figures.Add(("synthetic_n", index.Count.ToString(CultureInfo.InvariantCulture)));
        figures.Add(("synthetic_p50_ms", Stats.Percentile(latencies, 50).ToString("F1", CultureInfo.InvariantCulture)));
        figures.Add(("synthetic_p95_ms", Stats.Percentile(latencies, 95).ToString("F1", CultureInfo.InvariantCulture)));
        figures.Add(("working_set_mb", workingSetMb.ToString("F0", CultureInfo.InvariantCulture)));
    }

    // A method of its own: unoptimised (Debug) code keeps a caller's temporaries alive to its end,
    // which kept the whole generated pool (texts and float vectors) in the measured working set.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Generate, double Index) BuildSynthetic(SimilarRequestIndex index,
        List<SimilarityDocument> corpus, float[][] vectors, int count, int seed)
    {
        var clock = Stopwatch.StartNew();
        var pool = SyntheticRequests.Generate(corpus, vectors, count, seed);
        var generate = clock.Elapsed.TotalSeconds;
        clock.Restart();
        index.Rebuild(pool);
        return (generate, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Resident memory once the garbage is collected and the C allocator has returned its free pages: loading a
    /// model leaves a few hundred MB of freed scratch memory that the allocator hands back only later, which would
    /// otherwise count as the model's at one moment and not at the next.
    /// </summary>
    private static double WorkingSetMb()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            _ = MallocTrim(0);
        }
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
