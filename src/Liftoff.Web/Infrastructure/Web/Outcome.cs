using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Liftoff.Web.Infrastructure.Web;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>The expected result of a use case: a value, validation errors by field, not found, or a conflict.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public bool IsOk => Kind == OutcomeKind.Ok;

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, NoErrors);

    public static Outcome<T> Invalid(string field, string message) =>
        new(OutcomeKind.Invalid, default, new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, default, errors);

    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default, NoErrors);

    public static Outcome<T> Conflict(string message) =>
        new(OutcomeKind.Conflict, default, new Dictionary<string, string[]> { [""] = [message] });

    public string Message => string.Join(" ", Errors.Values.SelectMany(v => v));

    /// <summary>Copies errors into a page's ModelState so they show next to the fields.</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "")
    {
        if (Kind == OutcomeKind.NotFound)
        {
            modelState.AddModelError("", "Not found.");
        }
        foreach (var (field, messages) in Errors)
        {
            foreach (var m in messages)
            {
                modelState.AddModelError(field.Length == 0 || prefix.Length == 0 ? field : $"{prefix}.{field}", m);
            }
        }
    }

    /// <summary>The outcome as typed results, so the OpenAPI document lists every status the endpoint returns.</summary>
    public Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> ToResults() => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(Value),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => InvalidProblem(),
    };

    public Results<Ok<TOut>, ValidationProblem, NotFound, ProblemHttpResult> ToResults<TOut>(Func<T, TOut> map) => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(map(Value!)),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => InvalidProblem(),
    };

    public Results<Created<TOut>, ValidationProblem, NotFound, ProblemHttpResult> ToCreated<TOut>(Func<T, TOut> map, Func<T, string> location) => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Created(location(Value!), map(Value!)),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => InvalidProblem(),
    };

    public Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult> ToCreated(Func<T, string> location) =>
        ToCreated(v => v, location);

    /// <summary>
    /// For use cases that address nothing by id, so never answer "not found": the value, invalid input, or a
    /// problem (a conflict, declared on the endpoint where one can happen).
    /// </summary>
    public Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOkOrRefused() => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(Value),
        OutcomeKind.Invalid => InvalidProblem(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
    };

    /// <summary>As <see cref="ToOkOrRefused"/>, answering 201 with where the new thing is.</summary>
    public Results<Created<TOut>, ValidationProblem, ProblemHttpResult> ToCreatedOrRefused<TOut>(
        Func<T, TOut> map, Func<T, string> location) => Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created(location(Value!), map(Value!)),
            OutcomeKind.Invalid => InvalidProblem(),
            OutcomeKind.Conflict => ConflictProblem(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        };

    public Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreatedOrRefused(Func<T, string> location) =>
        ToCreatedOrRefused(v => v, location);

    /// <summary>The outcome as typed results that answer 204 with no body on success.</summary>
    public Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult> ToNoContent() => Kind switch
    {
        OutcomeKind.Ok => TypedResults.NoContent(),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => InvalidProblem(),
    };

    /// <summary>The outcome as typed results that answer 202 with where to follow the work on success.</summary>
    public Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult> ToAccepted(string location) => Kind switch
    {
        OutcomeKind.Ok => TypedResults.Accepted(location),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => ConflictProblem(),
        _ => InvalidProblem(),
    };

    private ProblemHttpResult ConflictProblem() =>
        TypedResults.Problem(Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    private ValidationProblem InvalidProblem() => TypedResults.ValidationProblem(Errors.ToDictionary(e => e.Key, e => e.Value));
}
