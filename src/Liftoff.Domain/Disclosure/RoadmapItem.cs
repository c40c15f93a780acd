namespace Liftoff.Domain.Disclosure;

/// <summary>
/// One entry of the internal roadmap as the guard needs it.
/// <paramref name="Target"/> is a date (<c>2027-02-15</c>), a month (<c>2027-03</c>), a quarter (<c>2027-Q2</c>) or a
/// year (<c>2027</c>).
/// <paramref name="Versions"/> are the version numbers the item ships as; they count as unreleased while the item is
/// not public.
/// </summary>
public sealed record RoadmapItem(
    string Title,
    string? Codename = null,
    IReadOnlyList<string>? Aliases = null,
    string? Target = null,
    bool IsPublic = false,
    IReadOnlyList<string>? Versions = null)
{
    /// <summary>Caller's identifier, handed back in findings; the guard does not interpret it.</summary>
    public string? Id { get; init; }

    internal IEnumerable<(string Name, NameKind Kind)> Names()
    {
        yield return (Title, NameKind.Title);
        if (!string.IsNullOrWhiteSpace(Codename))
        {
            yield return (Codename, NameKind.Codename);
        }
        foreach (var alias in Aliases ?? [])
        {
            if (!string.IsNullOrWhiteSpace(alias))
            {
                yield return (alias, NameKind.Alias);
            }
        }
    }
}

internal enum NameKind
{
    Title,
    Codename,
    Alias,
    ModelNumber,
}

/// <summary>
/// A text team leads agreed may be sent word for word: to one organisation, or to anyone when
/// <paramref name="OrganisationId"/> is null (the library's phrasings, which name nothing).
/// </summary>
public sealed record ApprovedStatement(string? OrganisationId, string Text);

public sealed record DisclosureOptions
{
    public static readonly DisclosureOptions Default = new();

    /// <summary>Longer texts are refused rather than checked, so one huge paste cannot stall a request.</summary>
    public int MaxTextLength { get; init; } = 200_000;
}
