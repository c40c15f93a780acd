using System.Numerics.Tensors;
using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Bench;

/// <summary>
/// A large pool of varied requests made from a real corpus, for latency and memory at scale. Each
/// synthetic request derives from a real one: its title has about a fifth of its words swapped with
/// words of other titles, its description is the real one's sentences reordered plus a sentence of
/// another request. Its vector is the real request's real embedding plus Gaussian noise (cosine
/// about 0.93 to the original), since embedding 100,000 texts takes hours on two cores.
/// </summary>
public static class SyntheticRequests
{
    private const float NoisePerDimension = 0.02f;

    public static List<SimilarityDocument> Generate(IReadOnlyList<SimilarityDocument> corpus,
        IReadOnlyList<float[]> vectors, int count, int seed)
    {
        var random = new Random(seed);
        var titles = corpus.Select(d => d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var sentences = corpus.Select(d => (d.Description ?? "").Split(". ", StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        var result = new List<SimilarityDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var source = i % corpus.Count;
            var title = titles[source].Select(w => random.NextDouble() < 0.2 ? Pick(titles, random) : w);
            var body = sentences[source].OrderBy(_ => random.Next()).Append(Pick(sentences, random));
            result.Add(new SimilarityDocument(i + 1, string.Join(' ', title), string.Join(". ", body),
                Perturb(vectors[source], random)));
        }
        return result;
    }

    /// <summary>What a user has typed: the title and the start of the description, at most 64 word pieces.</summary>
    public static (string Title, string Description) TypedQuery(SimilarityDocument request, int maxWordPieces = 64)
    {
        var title = EmbeddingText.Truncate(EmbeddingText.Collapse(request.Title), maxWordPieces);
        var titlePieces = EmbeddingText.Compose(title, null, maxWordPieces).Split(' ')
            .Sum(w => WordPieceEstimate.TenthsForWord(w)) / 10;
        var description = EmbeddingText.Truncate(EmbeddingText.Collapse(request.Description ?? ""),
            Math.Max(0, maxWordPieces - titlePieces - 1));
        return (title, description);
    }

    private static string Pick(string[][] pool, Random random)
    {
        while (true)
        {
            var words = pool[random.Next(pool.Length)];
            if (words.Length > 0)
            {
                return words[random.Next(words.Length)];
            }
        }
    }

    private static float[] Perturb(float[] vector, Random random)
    {
        var result = new float[vector.Length];
        for (var d = 0; d < result.Length; d++)
        {
            // Box-Muller: a normal deviate from two uniform ones.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(
                2 * Math.PI * random.NextDouble());
            result[d] = vector[d] + (NoisePerDimension * (float)gaussian);
        }
        TensorPrimitives.Divide(result, TensorPrimitives.Norm(result), result);
        return result;
    }
}
