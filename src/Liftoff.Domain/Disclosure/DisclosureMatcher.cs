namespace Liftoff.Domain.Disclosure;

/// <summary>
/// The roadmap compiled once for fast checks: all names in one trie, targets parsed, version
/// numbers split into released and unreleased. Immutable, so one instance can serve every request
/// until the roadmap changes.
/// </summary>
public sealed class DisclosureMatcher
{
    private DisclosureMatcher(IReadOnlyList<RoadmapItem> items)
    {
        Items = items;
        Targets = new CalendarPeriod?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Targets[i] = CalendarPeriod.TryParseTarget(item.Target, out var period) ? period : null;
            foreach (var (name, kind) in item.Names())
            {
                Names.Add(name, new NameEntry(i, name, kind, item.IsPublic));
                AddFamilyWords(name);
            }
            foreach (var v in item.Versions ?? [])
            {
                if (VersionNumber.TryParse(v, out var version))
                {
                    (item.IsPublic ? ReleasedVersions : UnreleasedVersions).Add((version, i));
                }
            }
        }
        Vocabulary = ReleaseVocabulary.Table(ProductFamilies).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<RoadmapItem> Items { get; }

    /// <summary>Number of names (titles, codenames, aliases) the matcher looks for.</summary>
    public int NameCount => Names.Count;

    internal NameTrie Names { get; } = new();

    internal CalendarPeriod?[] Targets { get; }

    internal List<(VersionNumber Version, int ItemIndex)> UnreleasedVersions { get; } = [];

    internal List<(VersionNumber Version, int ItemIndex)> ReleasedVersions { get; } = [];

    internal Dictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> Vocabulary { get; }

    /// <summary>Words that stand before a version number in item names ("AeroPlan" in "AeroPlan 5.0").</summary>
    internal HashSet<string> ProductFamilies { get; } = new(StringComparer.Ordinal);

    public static DisclosureMatcher Compile(IEnumerable<RoadmapItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new DisclosureMatcher(items.Where(i => i is not null && !string.IsNullOrWhiteSpace(i.Title)).ToList());
    }

    private void AddFamilyWords(string name)
    {
        var words = name.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i].All(char.IsLetter) && char.IsAsciiDigit(words[i + 1][0]))
            {
                ProductFamilies.Add(string.Concat(words[i].Select(CharFolding.Fold)));
            }
        }
    }

    internal (VersionNumber Version, int ItemIndex)? FindUnreleased(VersionNumber version)
    {
        if (ReleasedVersions.Any(r => r.Version.CompareTo(version) == 0))
        {
            return null;
        }
        (VersionNumber Version, int ItemIndex)? best = null;
        foreach (var u in UnreleasedVersions)
        {
            // Anything at or past an unreleased number in the same major line is unreleased too.
            if (u.Version.Major == version.Major && version.CompareTo(u.Version) >= 0 && (best is null || u.Version.CompareTo(best.Value.Version) > 0))
            {
                best = u;
            }
        }
        return best;
    }
}
