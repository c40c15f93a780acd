using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Backlog.Similarity;

/// <summary>Requests similar to a text being typed (staff).</summary>
internal static class SimilarityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/similar", async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem>> (
            string? text, int? limit, SimilarRequestEngine engine, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["text"] = ["Give the text to compare, e.g. ?text=export+to+shapefile."] });
            }
            return TypedResults.Ok(await engine.SearchAsync(text, null, Math.Clamp(limit ?? 5, 1, 50), null, ct));
        });
    }
}
