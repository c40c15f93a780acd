namespace Liftoff.Domain.Rollout;

/// <summary>The release fields a playbook condition may test. Kept closed so conditions stay data.</summary>
public enum ReleaseField
{
    SignificantChanges,
    Product,
}

/// <summary>
/// "Field == ExpectedValue" on a release. Values are stored as text ("true", "hardware") so a
/// playbook can be saved and edited without code; <see cref="Problem"/> says when one is unusable.
/// </summary>
public sealed record StepCondition(ReleaseField Field, string ExpectedValue)
{
    public static StepCondition SignificantChangesIs(bool expected) =>
        new(ReleaseField.SignificantChanges, expected ? "true" : "false");

    public static StepCondition ProductIs(ProductKind product) =>
        new(ReleaseField.Product, product.ToString().ToLowerInvariant());

    /// <summary>Why this condition cannot be evaluated, or null when it can.</summary>
    public string? Problem() => Field switch
    {
        ReleaseField.SignificantChanges when ParseBool(ExpectedValue) is null =>
            $"Expected value '{ExpectedValue}' for {Field} must be 'true' or 'false'.",
        ReleaseField.Product when ParseProduct(ExpectedValue) is null =>
            $"Expected value '{ExpectedValue}' for {Field} must be one of: " +
                $"{string.Join(", ", Enum.GetNames<ProductKind>().Select(n => n.ToLowerInvariant()))}.",
        ReleaseField.SignificantChanges or ReleaseField.Product => null,
        _ => $"Unknown release field '{Field}'.",
    };

    /// <summary>False for a malformed condition, so a broken playbook never adds work silently.</summary>
    public bool IsMetBy(Release release) => Field switch
    {
        ReleaseField.SignificantChanges => ParseBool(ExpectedValue) == release.SignificantChanges,
        ReleaseField.Product => ParseProduct(ExpectedValue) == release.Product,
        _ => false,
    };

    /// <summary>Human wording for skip and add reasons.</summary>
    public string Describe() => Field switch
    {
        ReleaseField.SignificantChanges => ParseBool(ExpectedValue) == false
            ? "the release has no significant changes for users"
            : "the release has significant changes for users",
        ReleaseField.Product => $"the product is {ExpectedValue.ToLowerInvariant()}",
        _ => ToString(),
    };

    public override string ToString() => $"{Field} == {ExpectedValue}";

    private static bool? ParseBool(string value) => bool.TryParse(value.Trim(), out var b) ? b : null;

    // Names only: Enum.TryParse would also accept "0" or "7".
    private static ProductKind? ParseProduct(string value)
    {
        foreach (var kind in Enum.GetValues<ProductKind>())
        {
            if (string.Equals(kind.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }
        return null;
    }
}
