namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Walks HTML-ish text once. Inline and unknown tags, comments and Markdown emphasis marks vanish so
/// a name split by <c>Sky&lt;b&gt;hawk&lt;/b&gt;</c>, <c>Sky&lt;!-- x --&gt;hawk</c> or <c>Sky**hawk**</c>
/// still reads as one word, the way a reader sees it; block tags become breaks. Comments are read
/// again as separate hidden blocks, and attribute values are collected to be checked the same way.
/// </summary>
internal static class MarkupReader
{
    // Elements that start a new line or box when rendered. Every other tag, known or not, renders
    // its text in line with what surrounds it (a sanitiser drops unknown tags and keeps their text).
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "br", "button", "canvas", "caption", "center",
        "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hgroup", "hr", "html", "iframe", "input", "legend", "li", "link", "main", "menu", "meta", "nav",
        "noscript", "object", "ol", "optgroup", "option", "p", "pre", "script", "section", "select", "style",
        "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
    };

    // Values of these attributes never carry words a reader could see or follow.
    private static readonly HashSet<string> SilentAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "class", "id", "style", "width", "height", "dir", "lang", "rel", "target", "type", "align",
    };

    /// <summary>Reads the whole text; comment bodies are added to <paramref name="comments"/>, not read.</summary>
    public static void Read(string text, FoldedText output, List<(int Start, int End)> attributes,
        List<(int Start, int End)> comments) =>
        Read(text, 0, text.Length, output, attributes, comments);

    /// <summary>Reads a comment's body: tags in it are read as tags, "&lt;!--" is plain text.</summary>
    public static void ReadComment(string text, int start, int end, FoldedText output,
        List<(int Start, int End)> attributes) =>
        Read(text, start, end, output, attributes, comments: null);

    private static void Read(string text, int from, int to, FoldedText output, List<(int Start, int End)> attributes,
        List<(int Start, int End)>? comments)
    {
        var noCloseAfter = int.MaxValue;
        var noScriptEndAfter = int.MaxValue;
        var i = from;
        while (i < to)
        {
            var c = text[i];
            if (c == '<' && comments is not null && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                // Rendered as nothing: the words on both sides meet. The body is checked on its own.
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                end = end < 0 ? to : end;
                output.HiddenRanges.Add((i, Math.Min(to, end + 3)));
                comments.Add((i + 4, end));
                i = Math.Min(to, end + 3);
                continue;
            }
            if (c == '<' && i + 1 < to && IsTagStart(text[i + 1]) && i < noCloseAfter)
            {
                var close = text.IndexOf('>', i + 1, to - i - 1);
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
            if (c is '*' or '`' or '~')
            {
                // Markdown emphasis, code and strike-through marks render as no text.
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < to && text[i + 1] < 0x80 &&
                (char.IsPunctuation(text[i + 1]) || char.IsSymbol(text[i + 1])))
            {
                // A Markdown escape ("Sky\\-hawk") shows only the escaped character.
                i++;
                continue;
            }
            i = output.AppendOne(text, i);
        }
    }

    private static bool IsTagStart(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    private static void ReadTag(string text, int open, int close, FoldedText output,
        List<(int Start, int End)> attributes, ref int noScriptEndAfter)
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
        if (BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
        {
            output.AppendBreak(open);
        }
        var isScript = text[open + 1] != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase)
            || name.Equals("style", StringComparison.OrdinalIgnoreCase));
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
