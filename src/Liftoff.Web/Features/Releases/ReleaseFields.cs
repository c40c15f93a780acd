using System.Globalization;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;

namespace Liftoff.Web.Features.Releases;

/// <summary>Fields of a new or edited release. Dates are text so a bad one gets a message naming the field.</summary>
public sealed record ReleaseInput(
    string? Product,
    string? Version,
    string? PlannedDate,
    bool SignificantChanges = false,
    string? ContentSummary = null,
    string? Name = null,
    int? PlaybookId = null,
    int? RowVersion = null);

/// <summary>Reads and checks the fields of a release as people type them.</summary>
public static class ReleaseFields
{
    public static void CheckVersion(string version, Dictionary<string, string[]> errors)
    {
        if (version.Length is 0 or > 50)
        {
            errors["Version"] = ["The version is required (at most 50 characters)."];
        }
    }

    public static string VersionTaken(ProductKind product, string version) =>
        $"A {product.ToString().ToLowerInvariant()} release {version} already exists.";

    public static void CheckText(ReleaseInput input, Dictionary<string, string[]> errors)
    {
        if ((input.Name?.Length ?? 0) > 200)
        {
            errors["Name"] = ["The name may have at most 200 characters."];
        }
        if ((input.ContentSummary?.Length ?? 0) > 8000)
        {
            errors["ContentSummary"] = ["The content summary may have at most 8000 characters."];
        }
    }

    public static ProductKind ParseProduct(string? value, Dictionary<string, string[]> errors)
    {
        foreach (var kind in Enum.GetValues<ProductKind>())
        {
            if (string.Equals(kind.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }
        errors["Product"] = ["The product must be 'software' or 'hardware'."];
        return default;
    }

    public static DateOnly ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            errors[field] = [string.IsNullOrWhiteSpace(value)
                ? "A date is required (yyyy-MM-dd)."
                : $"'{value}' is not a valid date (expected yyyy-MM-dd)."];
            return default;
        }
        if (!ReleaseDates.IsSupported(date))
        {
            errors[field] = [ReleaseDates.RangeMessage(date)];
        }
        return date;
    }

    public static ReleaseStatus? ParseStatus(string? value) =>
        value?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
                .Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "planned" => ReleaseStatus.Planned,
            "inprogress" => ReleaseStatus.InProgress,
            "released" => ReleaseStatus.Released,
            "cancelled" or "canceled" => ReleaseStatus.Cancelled,
            _ => null,
        };

    public static Dictionary<string, string[]> ToDictionary(IReadOnlyList<Domain.FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    internal static bool IsClosedStatus(this ReleaseEntity r) =>
        r.Status is ReleaseStatus.Released or ReleaseStatus.Cancelled;
}
