using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Backlog.Requests;

/// <summary>Reading requests and changing their status, links, sharing and comments under /api/requests
/// (staff).</summary>
internal static class RequestEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", async (FeatureRequests requests, CancellationToken ct) =>
            TypedResults.Ok(await requests.ListAsync(ct)));
        api.MapGet("/{id:long}", async Task<Results<Ok<RequestView>, RedirectHttpResult, NotFound>> (
            long id, FeatureRequests requests, CancellationToken ct) =>
            await requests.GetAsync(id, ct) switch
            {
                null => TypedResults.NotFound(),
                // A merged request leads to the one that was kept.
                { MergedIntoId: { } kept } => TypedResults.Redirect($"/api/requests/{kept}"),
                var r => TypedResults.Ok(r),
            });
        api.MapGet("/{id:long}/detail", async Task<Results<Ok<RequestDetail>, RedirectHttpResult, NotFound>> (
            long id, RequestDetails details, CancellationToken ct) =>
            await details.GetAsync(id, ct) switch
            {
                null => TypedResults.NotFound(),
                { MergedIntoId: { } kept } => TypedResults.Redirect($"/api/requests/{kept}/detail"),
                var d => TypedResults.Ok(d),
            });
        api.MapPost("/{id:long}/status", async (long id, StatusInput? input, RequestStatusChanges statuses,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await statuses.SetStatusAsync(id, input ?? new StatusInput(null), user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}/roadmap-item", async (long id, RoadmapLinkInput? input, RequestStatusChanges statuses,
            CancellationToken ct) =>
            (await statuses.LinkRoadmapItemAsync(id, input?.RoadmapItemId, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}/shared", async (long id, PortalSharingInput? input, PortalSharing sharing,
            CancellationToken ct) =>
            (await sharing.SetAsync(id, input ?? new PortalSharingInput(null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/by-roadmap-item/{itemId:int}", async Task<Results<Ok<IReadOnlyList<LinkedRequest>>, NotFound>> (
            int itemId, RoadmapRequestLinks links, CancellationToken ct) =>
            await links.ForKnownItemAsync(itemId, ct) is { } linked
                ? TypedResults.Ok(linked)
                : TypedResults.NotFound());
        api.MapPost("/{id:long}/notify-release", async (long id, ReleaseNotification notification,
            CancellationToken ct) =>
            (await notification.NotifyRequestorsAsync(id, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/comments", async (long id, CommentInput? input, RequestComments comments,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await comments.AddAsync(id, input ?? new CommentInput(null), user.UserId(), user.Identity?.Name ?? "", ct))
                .ToCreated(_ => $"/api/requests/{id}/detail"))
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
