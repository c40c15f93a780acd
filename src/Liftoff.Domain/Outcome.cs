using System.Diagnostics.CodeAnalysis;

namespace Liftoff.Domain;

/// <summary>A refused input: which field, and a message a person can act on.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a use case came to: its value, refused input, nothing found, or a conflict with another
/// change.</summary>
public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// The one result type of the domain and the use cases: either a value or why there is none. Refusals are
/// expected outcomes, so they are returned rather than thrown. A conflict is told as one error without a field.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(OutcomeKind kind, T? value, IReadOnlyList<FieldError> errors)
    {
        Kind = kind;
        Value = value;
        Errors = errors;
    }

    public OutcomeKind Kind { get; }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Kind == OutcomeKind.Ok;

    /// <summary>Every error message in one sentence run, for a banner or a log line.</summary>
    public string Message => string.Join(" ", Errors.Select(e => e.Message));

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, []);

    public static Outcome<T> Invalid(string field, string message) =>
        new(OutcomeKind.Invalid, default, [new FieldError(field, message)]);

    public static Outcome<T> Invalid(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0
            ? throw new ArgumentException("A refusal needs at least one error.", nameof(errors))
            : new(OutcomeKind.Invalid, default, list);
    }

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Invalid(errors.SelectMany(e => e.Value.Select(m => new FieldError(e.Key, m))));

    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default, []);

    public static Outcome<T> Conflict(string message) => new(OutcomeKind.Conflict, default,
        [new FieldError("", message)]);

    /// <summary>Whether one of the errors is about this field.</summary>
    public bool HasError(string field) => Errors.Any(e => e.Field == field);

    /// <summary>The errors grouped by field, as validation problems and forms show them.</summary>
    public Dictionary<string, string[]> ErrorsByField() =>
        Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    /// <summary>The same refusal for a use case of another value type.</summary>
    public Outcome<TOther> Refusal<TOther>() =>
        IsOk ? throw new InvalidOperationException("A success is not a refusal.") : new(Kind, default, Errors);
}

/// <summary>Shorthands that infer the value type.</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => Outcome<T>.Ok(value);

    public static Outcome<T> Invalid<T>(IEnumerable<FieldError> errors) => Outcome<T>.Invalid(errors);

    public static Outcome<T> Invalid<T>(string field, string message) => Outcome<T>.Invalid(field, message);
}
