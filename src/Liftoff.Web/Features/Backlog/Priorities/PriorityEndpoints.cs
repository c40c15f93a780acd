using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Backlog.Priorities;

/// <summary>Prioritisation inputs, scores, ranking and survey import (staff); weights and strategic fit
/// (leads).</summary>
internal static class PriorityEndpoints
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder leads)
    {
        api.MapPut("/{id:long}/priority", async (long id, PriorityInputsInput? input, Prioritisation priorities,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await priorities.UpdateInputsAsync(id, input ?? new PriorityInputsInput(null, null, null, null),
                user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:long}/score", async Task<Results<Ok<Domain.Backlog.Prioritisation.PriorityScore>, NotFound>> (
            long id, Prioritisation priorities, CancellationToken ct) =>
            await priorities.ScoreAsync(id, ct) is { } score ? TypedResults.Ok(score) : TypedResults.NotFound());
        api.MapGet("/ranked", async (string? area, Data.Backlog.FeatureRequestStatus? status, string? segment,
            string? sort, Prioritisation priorities, CancellationToken ct) =>
            TypedResults.Ok(await priorities.RankAsync(new RankingFilter(area, status, segment, sort), 500, ct)));
        api.MapGet("/priority-weights", async (Prioritisation priorities, CancellationToken ct) =>
            TypedResults.Ok(await priorities.WeightsViewAsync(ct)));
        api.MapPost("/survey-import", async Task<Results<Ok<SurveyImportReport>,
            UnprocessableEntity<SurveyImportReport>>> (
            HttpRequest request, bool? dryRun, SurveyImport import, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // The import reads at most the file limit, whatever the client claimed about the length.
            var report = await import.ImportAsync(request.Body, dryRun ?? false, user.UserId(), ct);
            return report.Errors.Count > 0
                ? TypedResults.UnprocessableEntity(report)
                : TypedResults.Ok(report);
        }).Accepts<string>("text/csv");

        leads.MapPut("/{id:long}/strategic-fit", async (long id, StrategicFitInput? input, Prioritisation priorities,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await priorities.SetStrategicFitAsync(id, input ?? new StrategicFitInput(null), user.UserId(), ct))
                .ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapPut("/priority-weights", async (WeightsRequest? input, Prioritisation priorities, ClaimsPrincipal user,
            CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { [""] = ["A request body is required."] })
                : input.MissingFields() is { Count: > 0 } missing
                    ? TypedResults.ValidationProblem(missing)
                    : (await priorities.UpdateWeightsAsync(input.ToInput(), user.UserId(), ct))
                        .ToOkOrRefused())
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
