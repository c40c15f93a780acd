namespace Liftoff.Domain.Disclosure;

/// <summary>
/// A run of tokens that spells a stored name; <see cref="Edits"/> is 1 for a typo match,
/// <see cref="Disguised"/> is set when digits stood in for letters ("N1GHTJ4R").
/// </summary>
internal readonly record struct NameMatch(
    int FirstToken, int LastToken, NameEntry Entry, int Edits, bool Disguised = false)
{
    public int TokenCount => LastToken - FirstToken + 1;
}

/// <summary>
/// Walks the name trie from every token. Hyphens, spaces and case changes between tokens are
/// skipped, a trailing "s", "es" or "ies" is accepted, and one typo (substitution, insertion,
/// deletion or swap of neighbours) is allowed inside words of five letters or more. Digits inside a
/// word that also has letters may stand for the letters they look like (0→o, 1→i/l, 3→e, 4→a, 5→s,
/// 7→t, 8→b) at no cost, but only for names of four or more characters and at most half of them, so
/// "3D", "4K" or "LX300" never read as words.
/// </summary>
internal sealed partial class NameScanner(NameTrie trie, TokenView view)
{
    private const int MaxTokensPerName = 12;
    private const int MinDisguisedNameLength = 4;

    private readonly List<NameMatch> _found = [];

    /// <summary>Exact matches of public names, filled by <see cref="Scan"/>.</summary>
    public List<NameMatch> PublicMatches { get; } = [];

    public List<NameMatch> Scan()
    {
        var all = new List<NameMatch>();
        for (var t = 0; t < view.Count; t++)
        {
            _found.Clear();
            Walk(0, t, 0, 0, t, 0);
            all.AddRange(_found);
        }
        return Select(all);
    }

    private void Walk(int nodeIndex, int tok, int pos, int edits, int first, int subs)
    {
        var node = trie[nodeIndex];
        var token = view.Tokens[tok];
        var chars = view.Text.Chars;
        var fuzzy = edits == 0 && token.WordLength >= 5 && token.OffsetInWord + pos > 0;
        if (pos == token.Length)
        {
            Record(node, first, tok, edits, subs);
            if (tok + 1 < view.Count && tok - first < MaxTokensPerName
                && view.Tokens[tok + 1].GapBefore is Gap.None or Gap.Joinable)
            {
                Walk(nodeIndex, tok + 1, 0, edits, first, subs);
            }
            if (fuzzy && !token.IsDigits)
            {
                for (var i = 0; i < node.Children.Count; i++)
                {
                    var (c, child) = node.Children.At(i);
                    if (trie[child].FuzzyOk && !char.IsDigit(c))
                    {
                        Walk(child, tok, pos, 1, first, subs);
                    }
                }
            }
            return;
        }
        var here = chars[token.Start + pos];
        if (pos > 0 && token.Length - pos <= 3)
        {
            var rest = chars.Slice(token.Start + pos, token.Length - pos);
            if (node.IsTerminal && rest is "s" or "es")
            {
                Record(node, first, tok, edits, subs);
            }
            if (rest is "ies" && node.Children.TryGetValue('y', out var y))
            {
                Record(trie[y], first, tok, edits, subs);
            }
        }
        if (node.Children.TryGetValue(here, out var exact))
        {
            Walk(exact, tok, pos + 1, edits, first, subs);
        }
        if (token.IsDigits && token.WordLength > token.Length)
        {
            // A digit standing in for a letter inside a word ("N1ghtj4r", "K3STR3L").
            foreach (var letter in DigitLookAlikes(here))
            {
                if (node.Children.TryGetValue(letter, out var leet))
                {
                    Walk(leet, tok, pos + 1, edits, first, subs + 1);
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
        for (var i = 0; i < node.Children.Count; i++)
        {
            var (c, child) = node.Children.At(i);
            var target = trie[child];
            if (!target.FuzzyOk || char.IsDigit(c))
            {
                continue;
            }
            if (c != here && (!hasNext || target.Children.ContainsKey(next)))
            {
                Walk(child, tok, pos + 1, 1, first, subs);
            }
            if (target.Children.ContainsKey(here))
            {
                Walk(child, tok, pos, 1, first, subs);
            }
        }
        if (!hasNext || node.Children.ContainsKey(next))
        {
            Walk(nodeIndex, tok, pos + 1, 1, first, subs);
        }
        if (hasNext && next != here && node.Children.TryGetValue(next, out var a)
            && trie[a].Children.TryGetValue(here, out var b))
        {
            Walk(b, tok, pos + 2, 1, first, subs);
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
}
