namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Distinct query terms, each weighted by its occurrences (title occurrences count
/// <see cref="Bm25Parameters.QueryTitleWeight"/>), with the query's own term frequencies and field
/// lengths kept to compute the score a document identical to the query would get.
/// </summary>
public sealed class Bm25Query
{
    private Bm25Query(IReadOnlyList<QueryTerm> terms, int titleLength, int bodyLength)
    {
        Terms = terms;
        TitleLength = titleLength;
        BodyLength = bodyLength;
    }

    public IReadOnlyList<QueryTerm> Terms { get; }

    public int TitleLength { get; }

    public int BodyLength { get; }

    public static Bm25Query From(IReadOnlyList<string> titleTerms, IReadOnlyList<string> bodyTerms,
        Bm25Parameters parameters)
    {
        var counts = new Dictionary<string, (int Title, int Body)>(StringComparer.Ordinal);
        foreach (var t in titleTerms)
        {
            var c = counts.GetValueOrDefault(t);
            counts[t] = (c.Title + 1, c.Body);
        }
        var bodyCount = Math.Min(bodyTerms.Count, parameters.MaxBodyTerms);
        for (var i = 0; i < bodyCount; i++)
        {
            var c = counts.GetValueOrDefault(bodyTerms[i]);
            counts[bodyTerms[i]] = (c.Title, c.Body + 1);
        }
        var terms = counts.Select(kv => new QueryTerm(kv.Key, (parameters.QueryTitleWeight * kv.Value.Title)
            + kv.Value.Body,
                kv.Value.Title, kv.Value.Body))
            .ToList();
        return new Bm25Query(terms, titleTerms.Count, bodyCount);
    }
}

public readonly record struct QueryTerm(string Term, double Weight, int TitleFrequency, int BodyFrequency);
