using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Merge, status, prioritisation and release notification under /api/requests (staff; weights and strategic fit for leads).</summary>
public static class BacklogFlowApi
{
    public static IServiceCollection AddBacklogFlow(this IServiceCollection services) =>
        services.AddScoped<Prioritisation>().AddScoped<BacklogMerge>().AddScoped<RequestStatusChanges>().AddScoped<ReleaseNotification>()
            .AddScoped<ShippedRequests>()
            .AddScoped<RequestComments>().AddScoped<RequestDetails>().AddScoped<SurveyImport>().AddScoped<RoadmapRequestLinks>()
            .AddScoped<PortalSharing>();

    public static IEndpointRouteBuilder MapBacklogFlow(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/requests").RequireAuthorization(Policies.Staff).WithTags("Backlog");
        api.MapGet("/{id:long}/detail", async Task<Results<Ok<RequestDetail>, RedirectHttpResult, NotFound>> (long id, RequestDetails details, CancellationToken ct) =>
            await details.GetAsync(id, ct) switch
            {
                null => TypedResults.NotFound(),
                { MergedIntoId: { } kept } => TypedResults.Redirect($"/api/requests/{kept}/detail"),
                var d => TypedResults.Ok(d),
            });
        api.MapPost("/{id:long}/merge", async (long id, MergeInput? input, BacklogMerge merge, ClaimsPrincipal user, CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["KeepId"] = ["Say which request to keep: {\"keepId\": 12}."] })
                : (await merge.MergeAsync(id, input.KeepId, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/unmerge", async (long id, BacklogMerge merge, ClaimsPrincipal user, CancellationToken ct) =>
            (await merge.UnmergeAsync(id, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/status", async (long id, StatusInput? input, RequestStatusChanges statuses, ClaimsPrincipal user, CancellationToken ct) =>
            (await statuses.SetStatusAsync(id, input ?? new StatusInput(null), user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}/roadmap-item", async (long id, RoadmapLinkInput? input, RequestStatusChanges statuses, CancellationToken ct) =>
            (await statuses.LinkRoadmapItemAsync(id, input?.RoadmapItemId, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}/shared", async (long id, PortalSharingInput? input, PortalSharing sharing,
            CancellationToken ct) =>
            (await sharing.SetAsync(id, input ?? new PortalSharingInput(null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/by-roadmap-item/{itemId:int}", async Task<Results<Ok<IReadOnlyList<LinkedRequest>>, NotFound>> (
            int itemId, RoadmapRequestLinks links, CancellationToken ct) =>
            await links.ForKnownItemAsync(itemId, ct) is { } linked ? TypedResults.Ok(linked) : TypedResults.NotFound());
        api.MapPost("/{id:long}/notify-release", async (long id, ReleaseNotification notification, CancellationToken ct) =>
            (await notification.NotifyRequestorsAsync(id, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:long}/comments", async (long id, CommentInput? input, RequestComments comments, ClaimsPrincipal user, CancellationToken ct) =>
            (await comments.AddAsync(id, input ?? new CommentInput(null), user.UserId(), user.Identity?.Name ?? "", ct))
                .ToCreated(_ => $"/api/requests/{id}/detail"))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}/priority", async (long id, PriorityInputsInput? input, Prioritisation priorities, ClaimsPrincipal user, CancellationToken ct) =>
            (await priorities.UpdateInputsAsync(id, input ?? new PriorityInputsInput(null, null, null, null), user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:long}/score", async Task<Results<Ok<Domain.Backlog.Prioritisation.PriorityScore>, NotFound>> (long id, Prioritisation priorities, CancellationToken ct) =>
            await priorities.ScoreAsync(id, ct) is { } score ? TypedResults.Ok(score) : TypedResults.NotFound());
        api.MapGet("/ranked", async (string? area, Data.Backlog.FeatureRequestStatus? status, string? segment, string? sort, Prioritisation priorities, CancellationToken ct) =>
            TypedResults.Ok(await priorities.RankAsync(new RankingFilter(area, status, segment, sort), 500, ct)));
        api.MapGet("/priority-weights", async (Prioritisation priorities, CancellationToken ct) => TypedResults.Ok(await priorities.WeightsViewAsync(ct)));
        api.MapPost("/survey-import", async Task<Results<Ok<SurveyImportReport>, UnprocessableEntity<SurveyImportReport>>> (
            HttpRequest request, bool? dryRun, SurveyImport import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // The import reads at most the file limit, whatever the client claimed about the length.
            var report = await import.ImportAsync(request.Body, dryRun ?? false, user.UserId(), ct);
            return report.Errors.Count > 0
                ? TypedResults.UnprocessableEntity(report)
                : TypedResults.Ok(report);
        }).Accepts<string>("text/csv");

        var leads = app.MapGroup("/api/requests").RequireAuthorization(Policies.Lead).WithTags("Backlog");
        leads.MapPut("/{id:long}/strategic-fit", async (long id, StrategicFitInput? input, Prioritisation priorities, ClaimsPrincipal user, CancellationToken ct) =>
            (await priorities.SetStrategicFitAsync(id, input ?? new StrategicFitInput(null), user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPut("/priority-weights", async (WeightsRequest? input, Prioritisation priorities, ClaimsPrincipal user,
            CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : input.MissingFields() is { Count: > 0 } missing
                    ? TypedResults.ValidationProblem(missing)
                    : (await priorities.UpdateWeightsAsync(input.ToInput(), user.UserId(), ct))
                        .ToOkOrRefused())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
