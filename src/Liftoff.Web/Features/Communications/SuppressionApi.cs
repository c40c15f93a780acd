using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Communications;

/// <summary>The suppression list under /api/suppressions (staff): list and search, add with a reason, remove
/// (audited).</summary>
public static class SuppressionApi
{
    public static IEndpointRouteBuilder MapSuppressionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/suppressions").RequireAuthorization(Policies.Staff).WithTags("Newsletter");
        api.MapGet("/", ListAsync);
        api.MapPost("/", AddAsync).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{email}", RemoveAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SuppressionView>>> ListAsync(string? search, SuppressionList list,
        CancellationToken ct) =>
        TypedResults.Ok(await list.ListAsync(search, ct));

    private static async Task<Results<Created<SuppressionView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        SuppressionInput? input, SuppressionList list, HttpContext http, CancellationToken ct)
    {
        var outcome = await list.AddAsync(input ?? new SuppressionInput(null, null), http.User.Identity?.Name, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created($"/api/suppressions/{Uri.EscapeDataString(outcome.Value!.Email)}",
                outcome.Value),
            OutcomeKind.Conflict => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict,
                title: "Conflict"),
            _ => TypedResults.ValidationProblem(outcome.ErrorsByField()),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string email, SuppressionList list, CancellationToken ct) =>
        (await list.RemoveAsync(email, ct)).IsOk
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                $"{email} is not on the suppression list, so there was nothing to remove.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not on the list");
}
