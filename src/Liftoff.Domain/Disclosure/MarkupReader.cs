namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Walks HTML-ish text once. Inline tags vanish so a name split by <c>Sky&lt;b&gt;hawk&lt;/b&gt;</c>
/// still reads as one word; block tags become breaks; comments and scripts stay readable but are
/// marked hidden; attribute values are collected to be checked as separate blocks.
/// </summary>
internal static class MarkupReader
{
    private static readonly HashSet<string> InlineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    };

    // Values of these attributes never carry words a reader could see or follow.
    private static readonly HashSet<string> SilentAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "class", "id", "style", "width", "height", "dir", "lang", "rel", "target", "type", "align",
    };

    public static void Read(string text, FoldedText output, List<(int Start, int End)> attributes)
    {
        var noCloseAfter = int.MaxValue;
        var noScriptEndAfter = int.MaxValue;
        var commentEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (commentEnd >= 0 && i >= commentEnd)
            {
                // A tag inside the comment may already have swallowed the closing "-->".
                output.AppendBreak(i);
                i = Math.Max(i, commentEnd + 3);
                commentEnd = -1;
                continue;
            }
            if (c == '<' && commentEnd < 0 && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                commentEnd = end < 0 ? text.Length : end;
                output.HiddenRanges.Add((i, Math.Min(text.Length, commentEnd + 3)));
                output.AppendBreak(i);
                i += 4;
                continue;
            }
            if (c == '<' && i + 1 < text.Length && IsTagStart(text[i + 1]) && i < noCloseAfter)
            {
                var close = text.IndexOf('>', i + 1);
                if (close < 0)
                {
                    // No '>' anywhere after here: remember it so a text full of '<' stays linear.
                    noCloseAfter = i;
                }
                else
                {
                    ReadTag(text, i, close, output, attributes, ref noScriptEndAfter);
                    i = close + 1;
                    continue;
                }
            }
            i = output.AppendOne(text, i);
        }
    }

    private static bool IsTagStart(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    private static void ReadTag(string text, int open, int close, FoldedText output, List<(int Start, int End)> attributes, ref int noScriptEndAfter)
    {
        var p = open + 1;
        if (text[p] == '/')
        {
            p++;
        }
        var nameStart = p;
        while (p < close && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '-'))
        {
            p++;
        }
        var name = text.AsSpan(nameStart, p - nameStart);
        if (!InlineTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
        {
            output.AppendBreak(open);
        }
        var isScript = text[open + 1] != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase));
        if (isScript)
        {
            var end = close < noScriptEndAfter ? text.IndexOf("</", close, StringComparison.Ordinal) : -1;
            if (end < 0)
            {
                noScriptEndAfter = Math.Min(noScriptEndAfter, close);
            }
            output.HiddenRanges.Add((close + 1, end < 0 ? text.Length : end));
        }
        ReadAttributes(text, p, close, attributes);
    }

    private static void ReadAttributes(string text, int p, int close, List<(int Start, int End)> attributes)
    {
        while (p < close)
        {
            while (p < close && (char.IsWhiteSpace(text[p]) || text[p] == '/'))
            {
                p++;
            }
            var nameStart = p;
            while (p < close && text[p] != '=' && !char.IsWhiteSpace(text[p]) && text[p] != '/')
            {
                p++;
            }
            var name = text.AsSpan(nameStart, p - nameStart);
            while (p < close && char.IsWhiteSpace(text[p]))
            {
                p++;
            }
            if (p >= close || text[p] != '=')
            {
                if (p == nameStart)
                {
                    p++;
                }
                continue;
            }
            p++;
            while (p < close && char.IsWhiteSpace(text[p]))
            {
                p++;
            }
            int start, end;
            if (p < close && text[p] is '"' or '\'')
            {
                var quote = text[p];
                start = p + 1;
                end = text.IndexOf(quote, start, close - start);
                end = end < 0 ? close : end;
                p = end + 1;
            }
            else
            {
                start = p;
                while (p < close && !char.IsWhiteSpace(text[p]))
                {
                    p++;
                }
                end = p;
            }
            if (end > start && !SilentAttributes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
            {
                attributes.Add((start, end));
            }
        }
    }
}
