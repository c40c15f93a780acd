namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Settings of <see cref="SimilarRequestIndex"/>. Defaults were tuned on duplicate bug reports
/// (GitBugs Hadoop; see the similarity benchmark) and are deliberately not fitted to that data's
/// peculiarities.
/// </summary>
public sealed record SimilaritySettings
{
    public Bm25Parameters Bm25 { get; init; } = new();

    /// <summary>
    /// Word pieces of title plus description that are embedded, for requests and queries alike.
    /// Embedding cost grows with it (about 12 ms of CPU per text at 32, 22 ms at 64). Fused with
    /// BM25F on the evaluation data, 32 reached R@5 81.6 / MRR 64.5, 64 reached 83.2 / 65.7 and 128
    /// no more than 64: differences of one or two queries, for half the time at 32.
    /// </summary>
    public int EmbeddingWordPieces { get; init; } = 32;

    /// <summary>Weight of the embedding cosine against the normalised BM25F score (weight 1).</summary>
    public double MeaningWeight { get; init; } = 0.3;
}
