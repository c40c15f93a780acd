namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Marks the Markdown parts a reader does not see once rendered: image alt text, link targets and
/// titles, and <c>[//]: # (…)</c> comment lines. The text itself is matched as written anyway;
/// this only labels findings as hidden.
/// </summary>
internal static class MarkdownHiddenParts
{
    public static void Mark(string text, List<(int Start, int End)> hidden)
    {
        var closers = new ForwardSearch(text);
        var i = 0;
        while (i < text.Length)
        {
            var next = text.IndexOfAny(['[', ']'], i);
            if (next < 0)
            {
                return;
            }
            if (text[next] == '[' && next > 0 && text[next - 1] == '!')
            {
                var close = closers.Next(']', next);
                if (close > 0)
                {
                    hidden.Add((next + 1, close));
                }
            }
            else if (text[next] == '[' && (next == 0 || text[next - 1] == '\n') && IsCommentLine(text, next))
            {
                var eol = closers.Next('\n', next);
                hidden.Add((next, eol < 0 ? text.Length : eol));
            }
            else if (text[next] == ']' && next + 1 < text.Length && text[next + 1] == '(')
            {
                var close = closers.Next(')', next);
                hidden.Add((next + 2, close < 0 ? text.Length : close));
            }
            i = next + 1;
        }
    }

    private static bool IsCommentLine(string text, int at) =>
        text.AsSpan(at).StartsWith("[//]:", StringComparison.Ordinal) ||
        text.AsSpan(at).StartsWith("[comment]:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// IndexOf for searches that only move forward: it remembers the last answer per character, so
    /// many openers sharing one far-away closer (or none) stay linear.
    /// </summary>
    private sealed class ForwardSearch(string text)
    {
        private readonly Dictionary<char, int> _last = [];

        public int Next(char c, int from)
        {
            if (_last.TryGetValue(c, out var last) && (last < 0 || last >= from))
            {
                return last;
            }
            var found = text.IndexOf(c, from);
            _last[c] = found;
            return found;
        }
    }
}
