using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>How a use case's <see cref="Outcome{T}"/> is shown: on a page beside the fields, or as typed HTTP
/// results.</summary>
public static class OutcomeResults
{
    /// <summary>Copies errors into a page's ModelState so they show next to the fields.</summary>
    public static void CopyTo<T>(this Outcome<T> outcome, ModelStateDictionary modelState, string prefix = "")
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            modelState.AddModelError("", "Not found.");
        }
        foreach (var e in outcome.Errors)
        {
            modelState.AddModelError(e.Field.Length == 0 || prefix.Length == 0 ? e.Field : $"{prefix}.{e.Field}",
                e.Message);
        }
    }

    /// <summary>The outcome as typed results, so the OpenAPI document lists every status the endpoint
    /// returns.</summary>
    public static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> ToResults<T>(
        this Outcome<T> outcome) =>
        outcome.ToResults(v => v);

    public static Results<Ok<TOut>, ValidationProblem, NotFound, ProblemHttpResult> ToResults<T, TOut>(
        this Outcome<T> outcome, Func<T, TOut> map) => outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Ok(map(outcome.Value!)),
            OutcomeKind.NotFound => TypedResults.NotFound(),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => InvalidProblem(outcome),
        };

    public static Results<Created<TOut>, ValidationProblem, NotFound, ProblemHttpResult> ToCreated<T, TOut>(
        this Outcome<T> outcome, Func<T, TOut> map, Func<T, string> location) => outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created(location(outcome.Value!), map(outcome.Value!)),
            OutcomeKind.NotFound => TypedResults.NotFound(),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => InvalidProblem(outcome),
        };

    public static Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult> ToCreated<T>(
        this Outcome<T> outcome, Func<T, string> location) => outcome.ToCreated(v => v, location);

    /// <summary>
    /// For use cases that address nothing by id, so never answer "not found": the value, invalid input, or a
    /// problem (a conflict, declared on the endpoint where one can happen).
    /// </summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOkOrRefused<T>(this Outcome<T> outcome) =>
        outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Ok(outcome.Value),
            OutcomeKind.Invalid => InvalidProblem(outcome),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        };

    /// <summary>As <see cref="ToOkOrRefused{T}"/>, answering 201 with where the new thing is.</summary>
    public static Results<Created<TOut>, ValidationProblem, ProblemHttpResult> ToCreatedOrRefused<T, TOut>(
        this Outcome<T> outcome, Func<T, TOut> map, Func<T, string> location) => outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created(location(outcome.Value!), map(outcome.Value!)),
            OutcomeKind.Invalid => InvalidProblem(outcome),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        };

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreatedOrRefused<T>(
        this Outcome<T> outcome, Func<T, string> location) => outcome.ToCreatedOrRefused(v => v, location);

    /// <summary>The outcome as typed results that answer 204 with no body on success.</summary>
    public static Results<NoContent, ValidationProblem, NotFound,
        ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome) =>
        outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.NoContent(),
            OutcomeKind.NotFound => TypedResults.NotFound(),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => InvalidProblem(outcome),
        };

    /// <summary>The outcome as typed results that answer 202 with where to follow the work on success.</summary>
    public static Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult> ToAccepted<T>(
        this Outcome<T> outcome, string location) => outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Accepted(location),
            OutcomeKind.NotFound => TypedResults.NotFound(),
            OutcomeKind.Conflict => ConflictProblem(outcome),
            _ => InvalidProblem(outcome),
        };

    /// <summary>The refusal as a validation problem, errors keyed by field.</summary>
    public static ValidationProblem ToValidationProblem<T>(this Outcome<T> outcome) =>
        TypedResults.ValidationProblem(outcome.ErrorsByField());

    private static ProblemHttpResult ConflictProblem<T>(Outcome<T> outcome) =>
        TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    private static ValidationProblem InvalidProblem<T>(Outcome<T> outcome) => outcome.ToValidationProblem();
}
