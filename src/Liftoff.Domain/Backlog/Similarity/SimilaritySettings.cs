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
    /// Embedding cost grows with it (about 12 ms of CPU per text at 32, 22 ms at 64). With the
    /// length-dependent weights below, GitBugs Hadoop reached R@5 82.4 / MRR 64.8 at 32 and
    /// 84.0 / 66.0 at 64; typed requests (a title, shorter than either) are the same at both.
    /// </summary>
    public int EmbeddingWordPieces { get; init; } = 64;

    /// <summary>Word pieces of a typed query that are embedded; 0 means as many as a request's.</summary>
    public int QueryWordPieces { get; init; }

    /// <summary>Weight of the embedding cosine against the normalised BM25F score (weight 1), for long
    /// queries.</summary>
    public double MeaningWeight { get; init; } = 0.3;

    /// <summary>
    /// Weight of the cosine for a query of at most <see cref="ShortQueryTerms"/> terms. A typed title
    /// has few words, often not those of the request it duplicates, so its meaning counts for more;
    /// the weight falls linearly to <see cref="MeaningWeight"/> at <see cref="LongQueryTerms"/> terms.
    /// Chosen on the tuning half of bench/data/requests-eval (titles only, then): with MiniLM alone R@5 47.2 at
    /// 0.3, 71.7 at 1.5, 79.2 at 10; with both models and centring 79.2 at 10, 81.1 at 20 and 83.0 at 30 (MRR
    /// 71.6, 73.8, 74.0), held out 82.7 at all three (MRR 68.6, 70.5, 71.1). See <see cref="LongQueryTerms"/> for
    /// where the fall ends.
    /// </summary>
    public double ShortQueryMeaningWeight { get; init; } = 30;

    public int ShortQueryTerms { get; init; } = 8;

    /// <summary>
    /// Keeps vectors as floats rather than 8-bit codes (four times the memory): only to measure
    /// what the codes cost in quality (see the similarity benchmark's --full-precision).
    /// </summary>
    public bool FullPrecisionVectors { get; init; }

    /// <summary>
    /// Experimental, off: a second vector per request from its title alone, the meaning score being
    /// the larger of the two cosines. Only the benchmark uses it (stored vectors hold one vector):
    /// see its --title-vectors.
    /// </summary>
    public bool TitleVectors { get; init; }

    /// <summary>
    /// Terms from which a query counts as long (weight <see cref="MeaningWeight"/>). A title typed with a sentence
    /// of description has 10 to 20 terms: ending the fall at 12 left such queries to their words (tuning half of
    /// the typed requests with a description R@5 68.0, 16: 80.0, 18: 84.0, 20: 88.0; held out 72.0, then 96.0 from
    /// 16 on). Whole bug reports need it to end early: GitBugs Hadoop R@5 / MRR 86.4 / 65.9 at 12 and 16, 85.6 / 65.4
    /// at 18, 85.6 / 64.6 at 20, below its MRR target of 65. This holds for a query that names code; one in plain
    /// words falls until <see cref="PlainLongQueryTerms"/>.
    /// </summary>
    public int LongQueryTerms { get; init; } = 18;

    /// <summary>
    /// Compares vectors less the mean of the indexed ones (null: as embedded). On the typed-request evaluation
    /// centring lifted MiniLM with arctic-embed-xs from R@5 79.2 / MRR 70.7 to 83.0 / 73.8 on the tuning half
    /// (80.8 / 67.0 to 82.7 / 69.5 held out); see <see cref="VectorCentring"/>.
    /// </summary>
    public VectorCentring? Centring { get; init; } = new();

    /// <summary>
    /// The best word match (BM25F as a share of the query's self-score, among the requests that may be suggested)
    /// below which a longer query's words found nothing of note: its meaning weight then rises linearly toward
    /// <see cref="ShortQueryMeaningWeight"/>, reached when no request shares a word with it. A request described in
    /// a sentence may share no word with its duplicate, while bug reports whose duplicates share their words keep
    /// the lower weight. Chosen on the tuning half of the typed requests (before those with a longer description
    /// joined, and with the fall ending at 18 terms for all): R@5 / MRR 82.1 / 72.6 without, 83.3 /
    /// 73.2 at 0.2 and 83.3 / 73.8 from 0.3 to 0.6, held out 84.4 / 71.5 at each; GitBugs Hadoop 85.6 / 65.4
    /// without and at 0.2, 84.8 / 66.1 at 0.3, 82.4 / 65.2 at 0.4. 0 turns it off.
    /// </summary>
    public double WeakWordMatch { get; init; } = 0.3;

    /// <summary>
    /// <see cref="LongQueryTerms"/> for a query in plain words, with no word written as code (<see
    /// cref="CodeTerms"/>). A request typed in a customer's words with two or three sentences of description has 35
    /// to 55 terms; ranked by its words, it lost its duplicate to requests sharing everyday words. Bug reports name
    /// code (114 of the 126 GitBugs Hadoop queries) and keep the earlier fall. Chosen on the tuning half of the typed
    /// requests: R@5 / MRR 79.5 / 71.0 at 18 and 24, 81.8 / 71.7 at 30, 81.8 / 72.4 at 40 and 60; held out 82.8 /
    /// 70.7 at 18, 85.1 / 71.7 at 40. Those with a longer description alone: 60.0 to 80.0 on the tuning half, 90.0
    /// to 100.0 held out. GitBugs Hadoop: 84.8 / 66.1 at 18, 84.0 / 66.0 at 40.
    /// </summary>
    public int PlainLongQueryTerms { get; init; } = 40;

    /// <summary>The cosine's weight for a query of <paramref name="queryTerms"/> terms (title and description) whose
    /// words match no request better than <paramref name="bestWordMatch"/> (see <see cref="WeakWordMatch"/>), in
    /// <paramref name="plain"/> words or naming code (see <see cref="PlainLongQueryTerms"/>).</summary>
    public double MeaningWeightFor(int queryTerms, double bestWordMatch = 1, bool plain = false)
    {
        var weight = LengthWeight(queryTerms, plain ? PlainLongQueryTerms : LongQueryTerms);
        if (WeakWordMatch <= 0 || bestWordMatch >= WeakWordMatch)
        {
            return weight;
        }
        var lack = (WeakWordMatch - Math.Max(0, bestWordMatch)) / WeakWordMatch;
        return weight + ((ShortQueryMeaningWeight - weight) * lack);
    }

    private double LengthWeight(int queryTerms, int longQueryTerms)
    {
        if (queryTerms <= ShortQueryTerms)
        {
            return ShortQueryMeaningWeight;
        }
        if (queryTerms >= longQueryTerms || longQueryTerms <= ShortQueryTerms)
        {
            return MeaningWeight;
        }
        var t = (double)(queryTerms - ShortQueryTerms) / (longQueryTerms - ShortQueryTerms);
        return ShortQueryMeaningWeight + (t * (MeaningWeight - ShortQueryMeaningWeight));
    }
}
