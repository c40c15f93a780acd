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
    /// Word pieces of title plus description that are embedded. Fused with BM25F, 64 did as well as
    /// 128 or 256 and embeds about twice as fast as 128.
    /// </summary>
    public int EmbeddingWordPieces { get; init; } = 64;

    /// <summary>Weight of the embedding cosine against the normalised BM25F score (weight 1).</summary>
    public double MeaningWeight { get; init; } = 0.3;
}
