namespace Liftoff.Domain.Rollout;

/// <summary>The one display name of a release, used on every page: "Software 5.4 · Winter refresh".</summary>
public static class ReleaseNames
{
    public static string Display(ProductKind product, string version, string? name)
    {
        var label = $"{product} {version}".Trim();
        var extra = name?.Trim() ?? "";
        // A name that only repeats the product and version ("Software 5.3") adds nothing.
        if (extra.Length == 0 || extra.Equals(label, StringComparison.OrdinalIgnoreCase) ||
            extra.Equals(version.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return label;
        }
        return $"{label} · {extra}";
    }
}
