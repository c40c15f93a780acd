using System.Diagnostics.CodeAnalysis;

namespace Liftoff.Domain;

/// <summary>A refused input: which field, and a message a person can act on.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Either a value or the reasons it could not be produced. Refusals are expected outcomes in the
/// domain, so they are returned rather than thrown.
/// </summary>
public sealed class Outcome<T>
{
    internal Outcome(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Errors.Count == 0;
}

public static class Outcome
{
    public static Outcome<T> Success<T>(T value) => new(value, []);

    public static Outcome<T> Failure<T>(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failure needs at least one error.", nameof(errors))
            : new(default, errors);

    public static Outcome<T> Failure<T>(string field, string message) => new(default, [new FieldError(field, message)]);
}
