namespace Liftoff.Domain.Disclosure;

/// <summary>Which of the names found in the walk become mentions.</summary>
internal sealed partial class NameScanner
{
    private void Record(NameTrie.Node node, int first, int last, int edits, int subs)
    {
        // Digits read as letters only in names long enough that the letters left still say which.
        if (subs > 0 && (node.Depth < MinDisguisedNameLength || subs * 2 > node.Depth))
        {
            return;
        }
        foreach (var entry in node.Entries)
        {
            var exact = edits == 0 && subs == 0;
            if ((!entry.UpperCaseOnly || (exact && IsWholeWordInCapitals(first, last))) && !IsCompanyName(last))
            {
                _found.Add(new NameMatch(first, last, entry, edits, subs > 0));
            }
        }
    }

    /// <summary>Model numbers count only as whole words in capitals: "X2", not "3x2" or "X20".</summary>
    private bool IsWholeWordInCapitals(int first, int last)
    {
        var end = view.Tokens[last];
        if (view.Tokens[first].OffsetInWord != 0 || end.OffsetInWord + end.Length != end.WordLength)
        {
            return false;
        }
        for (var i = view.Tokens[first].Start; i < view.Tokens[last].End; i++)
        {
            if (char.IsLetter(view.Text.Chars[i]) && !view.Text.IsUpper(i))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"Merlin Engineering GmbH" is a company that shares a codename, not the codename.</summary>
    private bool IsCompanyName(int last)
    {
        for (var k = last + 1; k <= last + 3 && k < view.Count && view.Tokens[k].GapBefore is not Gap.Sentence; k++)
        {
            if (view.Has(k, WordClass.LegalForm) && view.Tokens[k].OffsetInWord
                + view.Tokens[k].Length == view.Tokens[k].WordLength)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Public names win over unreleased ones they overlap (so "Marlin" is not read as a typo of
    /// "Merlin"), then the exact match wins over a typo and the longer over the shorter.
    /// </summary>
    private List<NameMatch> Select(List<NameMatch> all)
    {
        // Longest exact public match over each token; matches arrive in token order.
        int[]? cover = null;
        foreach (var m in all.Where(m => m.Entry.IsPublic && m.Edits == 0))
        {
            PublicMatches.Add(m);
            cover ??= new int[view.Count];
            for (var t = m.FirstToken; t <= m.LastToken; t++)
            {
                cover[t] = Math.Max(cover[t], m.TokenCount);
            }
        }
        var chosen = new List<NameMatch>();
        for (var i = 0; i < all.Count;)
        {
            NameMatch? best = null;
            var first = all[i].FirstToken;
            for (; i < all.Count && all[i].FirstToken == first; i++)
            {
                var m = all[i];
                if (m.Entry.IsPublic || IsCoveredByPublic(m, cover))
                {
                    continue;
                }
                if (best is not { } b || m.Edits < b.Edits || (m.Edits == b.Edits && m.TokenCount > b.TokenCount))
                {
                    best = m;
                }
            }
            if (best is { } pick && (chosen.Count == 0 || chosen[^1].LastToken < pick.FirstToken))
            {
                chosen.Add(pick);
            }
        }
        return chosen;
    }

    private static bool IsCoveredByPublic(NameMatch m, int[]? cover)
    {
        if (cover is null)
        {
            return false;
        }
        var longest = 0;
        for (var t = m.FirstToken; t <= m.LastToken; t++)
        {
            longest = Math.Max(longest, cover[t]);
        }
        return longest > 0 && (m.Edits > 0 || longest >= m.TokenCount);
    }
}
