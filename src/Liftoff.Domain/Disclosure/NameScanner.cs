namespace Liftoff.Domain.Disclosure;

/// <summary>A run of tokens that spells a stored name; <see cref="Edits"/> is 1 for a typo match.</summary>
internal readonly record struct NameMatch(int FirstToken, int LastToken, NameEntry Entry, int Edits)
{
    public int TokenCount => LastToken - FirstToken + 1;
}

/// <summary>
/// Walks the name trie from every token. Hyphens, spaces and case changes between tokens are
/// skipped, a trailing "s", "es" or "ies" is accepted, and one typo (substitution, insertion,
/// deletion or swap of neighbours) is allowed inside words of five letters or more.
/// </summary>
internal sealed class NameScanner(NameTrie trie, TokenView view)
{
    private const int MaxTokensPerName = 12;

    private readonly List<NameMatch> _found = [];

    /// <summary>Exact matches of public names, filled by <see cref="Scan"/>.</summary>
    public List<NameMatch> PublicMatches { get; } = [];

    public List<NameMatch> Scan()
    {
        var all = new List<NameMatch>();
        for (var t = 0; t < view.Count; t++)
        {
            _found.Clear();
            Walk(0, t, 0, 0, t);
            all.AddRange(_found);
        }
        return Select(all);
    }

    private void Walk(int nodeIndex, int tok, int pos, int edits, int first)
    {
        var node = trie[nodeIndex];
        var token = view.Tokens[tok];
        var chars = view.Text.Chars;
        var fuzzy = edits == 0 && token.WordLength >= 5 && token.OffsetInWord + pos > 0;
        if (pos == token.Length)
        {
            Record(node, first, tok, edits);
            if (tok + 1 < view.Count && tok - first < MaxTokensPerName && view.Tokens[tok + 1].GapBefore is Gap.None or Gap.Joinable)
            {
                Walk(nodeIndex, tok + 1, 0, edits, first);
            }
            if (fuzzy && !token.IsDigits)
            {
                foreach (var (c, child) in node.Children)
                {
                    if (trie[child].FuzzyOk && !char.IsDigit(c))
                    {
                        Walk(child, tok, pos, 1, first);
                    }
                }
            }
            return;
        }
        var here = chars[token.Start + pos];
        if (pos > 0)
        {
            var rest = chars.Slice(token.Start + pos, token.Length - pos);
            if (rest is "s" or "es")
            {
                Record(node, first, tok, edits);
            }
            if (rest is "ies" && node.Children.TryGetValue('y', out var y))
            {
                Record(trie[y], first, tok, edits);
            }
        }
        if (node.Children.TryGetValue(here, out var exact))
        {
            Walk(exact, tok, pos + 1, edits, first);
        }
        if (fuzzy && char.IsDigit(here) && token.WordLength > token.Length)
        {
            // A digit standing in for a letter inside a word ("N1ghtjar") counts as the one typo.
            foreach (var letter in DigitLookAlikes(here))
            {
                if (node.Children.TryGetValue(letter, out var leet) && trie[leet].FuzzyOk)
                {
                    Walk(leet, tok, pos + 1, 1, first);
                }
            }
        }
        if (!fuzzy || char.IsDigit(here))
        {
            return;
        }
        // After the one edit the rest must match exactly, so branches that cannot take the next
        // character are cut here instead of one call deeper.
        var hasNext = pos + 1 < token.Length;
        var next = hasNext ? chars[token.Start + pos + 1] : '\0';
        foreach (var (c, child) in node.Children)
        {
            var target = trie[child];
            if (!target.FuzzyOk || char.IsDigit(c))
            {
                continue;
            }
            if (c != here && (!hasNext || target.Children.ContainsKey(next)))
            {
                Walk(child, tok, pos + 1, 1, first);
            }
            if (target.Children.ContainsKey(here))
            {
                Walk(child, tok, pos, 1, first);
            }
        }
        if (!hasNext || node.Children.ContainsKey(next))
        {
            Walk(nodeIndex, tok, pos + 1, 1, first);
        }
        if (hasNext && next != here && node.Children.TryGetValue(next, out var a) && trie[a].Children.TryGetValue(here, out var b))
        {
            Walk(b, tok, pos + 2, 1, first);
        }
    }

    private static string DigitLookAlikes(char digit) => digit switch
    {
        '0' => "o",
        '1' => "il",
        '3' => "e",
        '4' => "a",
        '5' => "s",
        '7' => "t",
        '8' => "b",
        _ => string.Empty,
    };

    private void Record(NameTrie.Node node, int first, int last, int edits)
    {
        foreach (var entry in node.Entries)
        {
            if ((!entry.UpperCaseOnly || (edits == 0 && IsWholeWordInCapitals(first, last))) && !IsCompanyName(last))
            {
                _found.Add(new NameMatch(first, last, entry, edits));
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
            if (view.Has(k, WordClass.LegalForm) && view.Tokens[k].OffsetInWord + view.Tokens[k].Length == view.Tokens[k].WordLength)
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
