namespace Liftoff.Domain.Disclosure;

/// <param name="ItemIndex">The unreleased item the version belongs to, or -1 for a version that has shipped.</param>
internal readonly record struct VersionMention(int FirstToken, int LastToken, VersionNumber Version, int ItemIndex)
{
    public bool IsUnreleased => ItemIndex >= 0;
}

/// <summary>
/// Finds version numbers that have shipped or not, as far as the roadmap tells. A number counts as a version only with
/// a sign of
/// one ("v5", "version 5", "AeroPlan 5.1", or three dotted parts), so "3.4 cm" is left alone.
/// </summary>
internal static class VersionScanner
{
    public static List<VersionMention> Scan(TokenView v, DisclosureMatcher matcher, List<DateMention> dates)
    {
        var found = new List<VersionMention>();
        if (matcher.UnreleasedVersions.Count == 0 && matcher.ReleasedVersions.Count == 0)
        {
            return found;
        }
        var dateIndex = 0;
        for (var k = 0; k < v.Count; k++)
        {
            while (dateIndex < dates.Count && dates[dateIndex].LastToken < k)
            {
                dateIndex++;
            }
            if (!v.Tokens[k].IsDigits || (dateIndex < dates.Count && dates[dateIndex].FirstToken <= k))
            {
                continue;
            }
            var last = k;
            while (last + 1 < v.Count && last - k < 3 && v.Tokens[last + 1].IsDigits && v.GapText(last + 1) is ".")
            {
                last++;
            }
            var parts = new int[last - k + 1];
            var valid = true;
            for (var i = k; i <= last; i++)
            {
                parts[i - k] = v.Number(i);
                valid &= parts[i - k] >= 0;
            }
            var version = new VersionNumber(parts);
            if (valid && (parts.Length >= 3 || HasVersionContext(v, k)))
            {
                var first = v.Is(k - 1, "v") && v.Tokens[k].GapBefore == Gap.None ? k - 1 : k;
                if (matcher.FindUnreleased(version) is { } unreleased)
                {
                    found.Add(new VersionMention(first, last, version, unreleased.ItemIndex));
                }
                else if (matcher.IsKnownReleased(version))
                {
                    found.Add(new VersionMention(first, last, version, -1));
                }
            }
            k = last;
        }
        return found;
    }

    private static bool HasVersionContext(TokenView v, int k)
    {
        if (k == 0 || v.Tokens[k].GapBefore is Gap.Sentence or Gap.Plain)
        {
            return false;
        }
        if (v.Is(k - 1, "v") && v.Tokens[k - 1].OffsetInWord == 0)
        {
            return true;
        }
        return v.Has(k - 1, WordClass.VersionContext);
    }
}
