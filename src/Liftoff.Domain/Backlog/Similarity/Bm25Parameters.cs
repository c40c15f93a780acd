namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>BM25F settings. Defaults were tuned on duplicate bug reports (see the similarity benchmark).</summary>
public sealed record Bm25Parameters
{
    public double K1 { get; init; } = 1.2;

    public double TitleWeight { get; init; } = 5.0;

    public double TitleB { get; init; } = 0.75;

    public double BodyB { get; init; } = 0.9;

    /// <summary>Long logs pasted into a description drown its topic; only its first terms are indexed.</summary>
    public int MaxBodyTerms { get; init; } = 200;

    /// <summary>
    /// Weight of each occurrence of a term in the query's title; each occurrence in the query's
    /// description counts 1. A long query repeats its key terms, and its title says what it is about.
    /// </summary>
    public double QueryTitleWeight { get; init; } = 4.0;
}
