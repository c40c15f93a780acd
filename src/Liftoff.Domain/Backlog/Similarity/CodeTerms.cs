namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Words written as code: camel case (getFileStatus), parts joined by dots or underscores (dfs.replication,
/// MAX_SIZE), or letters followed by digits (HADOOP-1234, x86). Bug reports are full of them; a request typed in a
/// customer's words seldom has one. Abbreviations (e.g.), decimals (5.4) and counts (4G, 2nd) are not code.
/// </summary>
public static class CodeTerms
{
    /// <summary>How many words of the text (runs as <see cref="SearchTokenizer"/> reads them) are written as code,
    /// counting up to <paramref name="enough"/>.</summary>
    public static int Count(string? text, int enough = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var count = 0;
        var at = 0;
        while (count < enough && SearchTokenizer.NextRun(text, ref at) is var (start, length) && length > 0)
        {
            count += IsCode(text.AsSpan(start, length)) ? 1 : 0;
        }
        return count;
    }

    private static bool IsCode(ReadOnlySpan<char> run)
    {
        // Dot-separated parts of two or more characters with a letter: dfs.replication has two, e.g. and 5.4 none.
        var wordParts = 0;
        var (length, letter) = (0, false);
        for (var i = 0; i <= run.Length; i++)
        {
            if (i == run.Length || run[i] == '.')
            {
                wordParts += length >= 2 && letter ? 1 : 0;
                (length, letter) = (0, false);
                continue;
            }
            var c = run[i];
            if (c is '_' or '$' or '#' || (i > 0 && char.IsUpper(c) && char.IsLower(run[i - 1])))
            {
                return true;
            }
            if (char.IsDigit(c) && i > 0 && (char.IsLetter(run[i - 1])
                || (run[i - 1] == '-' && i > 1 && char.IsLetter(run[i - 2]))))
            {
                return true;
            }
            length++;
            letter |= char.IsLetter(c);
        }
        return wordParts >= 2;
    }
}
