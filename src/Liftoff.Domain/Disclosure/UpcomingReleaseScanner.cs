namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Finds talk about what is still to come ("the next release adds …", "our upcoming firmware
/// update", "next-generation drone"): content of an unreleased version even when no item is named.
/// </summary>
internal static class UpcomingReleaseScanner
{
    public static List<(int First, int Last)> Scan(TokenView v)
    {
        var found = new List<(int, int)>();
        for (var k = 0; k < v.Count; k++)
        {
            if (!v.Has(k, WordClass.Upcoming))
            {
                continue;
            }
            // "Next quarter we release" is about time, not about the next release.
            for (var n = k + 1; n <= k + 3 && n < v.Count && v.Tokens[n].GapBefore != Gap.Sentence
                && !v.Has(n, WordClass.DateStart); n++)
            {
                if (v.Has(n, WordClass.UpcomingNoun))
                {
                    found.Add((k, n));
                    k = n;
                    break;
                }
            }
        }
        return found;
    }
}
