namespace Liftoff.Web.Features.Backlog.Similarity;

/// <summary>
/// Below this relevance a similar request is noise to the person reading the list: it is not shown and no
/// merge is offered for it (a merge by number stays possible). Chosen with the `merge-threshold` benchmark
/// on the tuning half of the typed-request set: the highest threshold that still shows 95 % of the true
/// duplicates found in the top five; checked on the held-out half (see the README's performance section).
/// </summary>
public static class SimilarSuggestions
{
    public const double ShownFrom = 0.25;

    public static IReadOnlyList<Suggestion> Relevant(IEnumerable<Suggestion> suggestions) =>
        suggestions.Where(s => s.Score >= ShownFrom).ToList();
}
