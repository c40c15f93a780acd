using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Web.Features.Portal;

/// <summary>
/// Orders the requests a portal user may see by how well their shown text matches what the user types.
/// </summary>
/// <remarks>
/// Deliberately not the backlog's similarity index: that index scores every request on its full stored
/// text, including descriptions this reader may not see and requests hidden from them. Ranked there,
/// typing a guess (a codename, a customer's tender) would move a request up or push a hidden one into
/// the top five, and the list would answer the guess. Here only the text the reader is shown takes part,
/// so the suggestions reveal nothing beyond what the reader could already read.
/// </remarks>
public static class ShownTextRanking
{
    private static readonly Bm25Parameters Parameters = new SimilaritySettings().Bm25;

    public static IReadOnlyList<PublicRequest> Top(
        IReadOnlyList<PublicRequest> shown, string? title, string? description, int limit)
    {
        var query = Bm25Query.From(SearchTokenizer.Tokenize(Clip(title)),
            SearchTokenizer.Tokenize(Clip(description), Parameters.MaxBodyTerms), Parameters);
        if (query.Terms.Count == 0 || shown.Count == 0)
        {
            return [];
        }
        var index = new Bm25Index(Parameters);
        for (var slot = 0; slot < shown.Count; slot++)
        {
            index.Set(slot, SearchTokenizer.Tokenize(shown[slot].Title),
                SearchTokenizer.Tokenize(shown[slot].Description, Parameters.MaxBodyTerms));
        }
        var scores = new float[shown.Count];
        index.Score(query, scores);
        return Enumerable.Range(0, shown.Count).Where(s => scores[s] > 0)
            .OrderByDescending(s => scores[s]).ThenByDescending(s => shown[s].Id)
            .Take(limit).Select(s => shown[s]).ToList();
    }

    private static string Clip(string? text) => text is null ? "" : text.Length > 4000 ? text[..4000] : text;
}
