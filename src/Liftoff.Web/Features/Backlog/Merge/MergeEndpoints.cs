using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Backlog.Merge;

/// <summary>Merging a duplicate request into the one kept, and undoing it (staff).</summary>
internal static class MergeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/{id:long}/merge", async (long id, MergeInput? input, BacklogMerge merge, ClaimsPrincipal user,
            CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["KeepId"] = ["Say which request to keep: {\"keepId\": 12}."] })
                : (await merge.MergeAsync(id, input.KeepId, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/unmerge", async (long id, BacklogMerge merge, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await merge.UnmergeAsync(id, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
