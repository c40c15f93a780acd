namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Turns text into search terms. Technical text names things with identifiers
/// (<c>FileSystem.getFileStatus</c>, <c>dfs.replication</c>, <c>HADOOP-1234</c>): each identifier
/// is kept whole, so an exact mention matches strongly, and also split into its lower-cased,
/// stemmed parts, so "file status" finds it too.
/// </summary>
public static class SearchTokenizer
{
    private const int MaxTermLength = 64;

    /// <summary>The terms of the text, stopping once <paramref name="maxTerms"/> have been produced.</summary>
    public static List<string> Tokenize(string? text, int maxTerms = int.MaxValue)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }
        var parts = new List<string>(8);
        var at = 0;
        while (terms.Count < maxTerms && NextRun(text, ref at) is var (start, length) && length > 0)
        {
            AddRun(text.AsSpan(start, length), terms, parts);
        }
        if (terms.Count > maxTerms)
        {
            terms.RemoveRange(maxTerms, terms.Count - maxTerms);
        }
        return terms;
    }

    /// <summary>
    /// The next run of letters and digits from <paramref name="at"/>, joined by inner . _ - $ # (an identifier
    /// stays whole); <paramref name="at"/> moves past it. Length 0 when the text has no more.
    /// </summary>
    internal static (int Start, int Length) NextRun(string text, ref int at)
    {
        var i = at;
        while (i < text.Length && !IsWordChar(text[i]))
        {
            i++;
        }
        var start = i;
        while (i < text.Length && (IsWordChar(text[i]) || (IsJoiner(text[i]) && i + 1 < text.Length
            && IsWordChar(text[i + 1]))))
        {
            i++;
        }
        at = i;
        return (start, i - start);
    }

    private static void AddRun(ReadOnlySpan<char> run, List<string> terms, List<string> parts)
    {
        parts.Clear();
        IdentifierParts.Split(run, parts);
        if (parts.Count == 1)
        {
            AddTerm(parts[0], terms);
            return;
        }
        if (run.Length <= MaxTermLength)
        {
            terms.Add(run.ToString().ToLowerInvariant());
        }
        foreach (var part in parts)
        {
            AddTerm(part, terms);
        }
    }

    private static void AddTerm(string lowerWord, List<string> terms)
    {
        if (lowerWord.Length < 2 || lowerWord.Length > MaxTermLength || StopWords.Contains(lowerWord))
        {
            return;
        }
        terms.Add(LightStemmer.Stem(lowerWord));
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static bool IsJoiner(char c) => c is '.' or '_' or '-' or '$' or '#';
}
