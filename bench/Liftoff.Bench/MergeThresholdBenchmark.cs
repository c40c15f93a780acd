using System.Globalization;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Bench;

/// <summary>
/// Chooses the relevance below which the backlog hides a similar request and offers no merge: for every
/// threshold, how many true duplicates in the top five stay shown, and how many of the shown suggestions
/// are not duplicates. Run on the tuning pairs to choose, on the held-out pairs to check.
/// </summary>
public sealed class MergeThresholdBenchmark : IBenchmark
{
    public string Name => "merge-threshold";

    public string Usage => "--corpus <requests.csv> --pairs <pairs.csv> [--keep-percent 95]";

    public Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        var corpus = GitBugsCorpus.Load(a.ExistingFile("corpus"));
        var (queries, _) = corpus.LoadQueries(a.ExistingFile("pairs"));
        var keep = a.Number("keep-percent", 95) / 100.0;
        using var embedder = CombinedTextEmbedder.MiniLmAndArctic();
        using var index = new SimilarRequestIndex(embedder, new SimilaritySettings());
        var vectors = index.EmbedMany(corpus.Documents);
        index.Rebuild(corpus.Documents.Select((d, i) => d with { Embedding = vectors[i] }).ToList());
        var byId = corpus.Documents.ToDictionary(d => d.Id);
        var duplicates = new List<double>();
        var others = new List<double>();
        foreach (var q in queries)
        {
            var request = byId[q.Id];
            foreach (var hit in index.Search(request.Title, request.Description, 5, excludeId: q.Id))
            {
                (q.Relevant.Contains(hit.Id) ? duplicates : others).Add(hit.Score);
            }
        }
        Console.WriteLine(
            $"{queries.Count} queries: {duplicates.Count} duplicates and {others.Count} other requests among the top " +
                $"five");
        Console.WriteLine("threshold  duplicates_kept  others_hidden  share_of_shown_that_are_duplicates");
        double? chosen = null;
        for (var t = 0.0; t <= 0.951; t += 0.05)
        {
            var kept = duplicates.Count(s => s >= t) / (double)Math.Max(1, duplicates.Count);
            var hidden = others.Count(s => s < t) / (double)Math.Max(1, others.Count);
            var shown = duplicates.Count(s => s >= t) + others.Count(s => s >= t);
            var precision = duplicates.Count(s => s >= t) / (double)Math.Max(1, shown);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t,9:F2}  {kept * 100,15:F1}  {hidden * 100,13:F1}  {precision * 100,10:F1}"));
            if (kept >= keep)
            {
                chosen = t;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threshold={chosen ?? 0:F2} (highest that keeps at least {keep * 100:F0} % of the duplicates found in " +
                $"the top five)"));
        return Task.FromResult(0);
    }
}
