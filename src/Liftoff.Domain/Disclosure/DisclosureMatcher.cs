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
            foreach (var model in ModelNumbers(item.Title))
            {
                Names.Add(model, new NameEntry(i, model, NameKind.ModelNumber, item.IsPublic, UpperCaseOnly: true));
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

    /// <summary>
    /// Model numbers inside a title ("X2" in "AeroMap X2") are what people write for short. They
    /// count only in capitals, as "x2" is also a zoom factor or a playback speed.
    /// </summary>
    private static IEnumerable<string> ModelNumbers(string title) =>
        title.Split([' ', '-', '_', '/'], StringSplitOptions.RemoveEmptyEntries).Where(IsModelNumber);

    /// <summary>One to four capitals, then one to four digits: "X2", "LX300".</summary>
    private static bool IsModelNumber(string word)
    {
        var letters = word.TakeWhile(char.IsAsciiLetterUpper).Count();
        var digits = word.Length - letters;
        return letters is >= 1 and <= 4 && digits is >= 1 and <= 4 && word.Skip(letters).All(char.IsAsciiDigit);
    }

    private void AddFamilyWords(string name)
    {
        var words = name.Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i].All(char.IsLetter) && words[i + 1].All(c => char.IsAsciiDigit(c) || c == '.'))
            {
                ProductFamilies.Add(string.Concat(words[i].Select(CharFolding.Fold)));
            }
        }
    }

    /// <summary>
    /// A version at or below a public one, or below an unreleased one, of the same major line has
    /// shipped. Versions the roadmap says nothing about are neither released nor unreleased.
    /// </summary>
    internal bool IsKnownReleased(VersionNumber version) =>
        ReleasedVersions.Any(r => r.Version.Major == version.Major && version.CompareTo(r.Version) <= 0) ||
        UnreleasedVersions.Any(u => u.Version.Major == version.Major && version.CompareTo(u.Version) < 0);

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
            if (u.Version.Major == version.Major && version.CompareTo(u.Version) >= 0
                && (best is null || u.Version.CompareTo(best.Value.Version) > 0))
            {
                best = u;
            }
        }
        return best;
    }
}
