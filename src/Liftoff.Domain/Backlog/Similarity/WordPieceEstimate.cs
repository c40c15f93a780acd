namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Estimates how many BERT word pieces a space-free word becomes, without the vocabulary: each
/// punctuation mark is one piece, and a run of letters or digits is split about every few
/// characters unless it is short enough to be a whole vocabulary entry.
/// </summary>
public static class WordPieceEstimate
{
    /// <summary>Estimated pieces of one space-free word, in tenths of a piece so that sums stay unbiased.</summary>
    public static int TenthsForWord(ReadOnlySpan<char> word)
    {
        var tenths = 0;
        var i = 0;
        while (i < word.Length)
        {
            if (!char.IsLetterOrDigit(word[i]))
            {
                tenths += 10;
                i++;
                continue;
            }
            var start = i;
            var letters = 0;
            var digits = 0;
            while (i < word.Length && char.IsLetterOrDigit(word[i]))
            {
                if (char.IsAsciiLetter(word[i]))
                {
                    letters++;
                }
                else if (char.IsAsciiDigit(word[i]))
                {
                    digits++;
                }
                i++;
            }
            tenths += TenthsForRun(i - start, letters, digits);
        }
        return tenths;
    }

    // Fitted to the exact counts of the MiniLM vocabulary on English technical text.
    private static int TenthsForRun(int length, int letters, int digits)
    {
        var other = length - letters - digits;
        if (other > 0)
        {
            return (10 * other) + TenthsForRun(letters + digits, letters, digits);
        }
        if (digits == 0)
        {
            return length <= 14 ? 10 + (15 * Math.Max(0, length - 5) / 10) : 23 + (5 * (length - 14));
        }
        if (letters == 0)
        {
            return length <= 3 ? 10 : 45 * length / 10;
        }
        return Math.Max(10, 4 * length);
    }
}
