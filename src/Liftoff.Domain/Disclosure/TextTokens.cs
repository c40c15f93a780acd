using System.Buffers;

namespace Liftoff.Domain.Disclosure;

internal enum Gap : byte
{
    /// <summary>Nothing between the tokens: a case or letter/digit change inside one word.</summary>
    None,

    /// <summary>Space, hyphen, underscore, dot or slash: a name may run across it ("LX-300", "Sky hawk").</summary>
    Joinable,

    /// <summary>Other punctuation in the same sentence.</summary>
    Plain,

    /// <summary>End of sentence, block or hidden part.</summary>
    Sentence,
}

/// <param name="Start">Index in the folded text.</param>
/// <param name="WordLength">Length of the whole letter/digit run the token belongs to, for the typo rule.</param>
/// <param name="OffsetInWord">Where the token starts inside that run.</param>
internal readonly record struct Token(int Start, int Length, bool IsDigits, Gap GapBefore, int Sentence,
    int WordLength, int OffsetInWord)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits folded text into words, and words further at camel-case and letter/digit changes, so that
/// "SkyhawkPro", "LX300" and "v5" expose their parts while still joining back up for name matching.
/// </summary>
internal static class TextTokens
{
    /// <summary>Returns a rented array and how many tokens it holds.</summary>
    public static (Token[] Tokens, int Count) Split(FoldedText text)
    {
        var chars = text.Chars;
        var tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, chars.Length / 4));
        var count = 0;
        var sentence = 0;
        var i = 0;
        var lastEnd = 0;
        while (i < chars.Length)
        {
            if (!char.IsLetterOrDigit(chars[i]))
            {
                i++;
                continue;
            }
            var wordStart = i;
            while (i < chars.Length && char.IsLetterOrDigit(chars[i]))
            {
                i++;
            }
            var wordEnd = i;
            var gap = count == 0 ? Gap.Sentence : Classify(chars[lastEnd..wordStart]);
            if (gap == Gap.Sentence)
            {
                sentence++;
            }
            var start = wordStart;
            for (var j = wordStart + 1; j <= wordEnd; j++)
            {
                if (j == wordEnd || IsInnerBoundary(text, chars, j))
                {
                    if (count == tokens.Length)
                    {
                        var bigger = ArrayPool<Token>.Shared.Rent(count * 2);
                        tokens.AsSpan().CopyTo(bigger);
                        ArrayPool<Token>.Shared.Return(tokens);
                        tokens = bigger;
                    }
                    tokens[count++] = new Token(start, j - start, char.IsDigit(chars[start]), start == wordStart ? gap
                        : Gap.None, sentence, wordEnd - wordStart, start - wordStart);
                    start = j;
                }
            }
            lastEnd = wordEnd;
        }
        return (tokens, count);
    }

    private static bool IsInnerBoundary(FoldedText text, ReadOnlySpan<char> chars, int j)
    {
        var before = chars[j - 1];
        var here = chars[j];
        if (char.IsDigit(before) != char.IsDigit(here))
        {
            return true;
        }
        return char.IsLetter(before) && !text.IsUpper(j - 1) && text.IsUpper(j);
    }

    private static Gap Classify(ReadOnlySpan<char> gap)
    {
        var newlines = 0;
        var joinable = true;
        var width = 0;
        for (var k = 0; k < gap.Length; k++)
        {
            var c = gap[k];
            // A run of white space counts once, as a browser shows it ("Sky <!-- x --> hawk").
            width += k > 0 && c is ' ' or '\t' && gap[k - 1] is ' ' or '\t' ? 0 : 1;
            if (c == CharFolding.Break)
            {
                return Gap.Sentence;
            }
            if (c is '.' or '!' or '?' && (k + 1 == gap.Length ? c != '.' : char.IsWhiteSpace(gap[k + 1])
                || gap[k + 1] == CharFolding.Break))
            {
                return Gap.Sentence;
            }
            if (c == '\n' && ++newlines > 1)
            {
                return Gap.Sentence;
            }
            joinable &= c is ' ' or '\t' or '\n' or '-' or '_' or '.' or '/';
        }
        return joinable && width <= 3 && !(gap.Contains('.') && gap.ContainsAny(' ', '\n')) ? Gap.Joinable : Gap.Plain;
    }
}
