namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// A deliberately light English stemmer: plurals, -ing and -ed, and a final e, so that "caches",
/// "cached" and "caching" meet. Heavier stemmers also merge unrelated technical words.
/// </summary>
internal static class LightStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !IsAsciiLetters(word))
        {
            return word;
        }
        var w = word.AsSpan();
        if (w.EndsWith("ies") && w.Length > 4)
        {
            return string.Concat(w[..^3], "y");
        }
        if (w.EndsWith("sses"))
        {
            w = w[..^2];
        }
        else if (w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i'))
        {
            w = w[..^1];
        }
        if (w.EndsWith("ing") && w.Length >= 6)
        {
            w = Undouble(w[..^3]);
        }
        else if (w.EndsWith("ed") && w.Length >= 5)
        {
            w = Undouble(w[..^2]);
        }
        if (w.Length > 3 && w[^1] == 'e')
        {
            w = w[..^1];
        }
        return w.Length == word.Length ? word : w.ToString();
    }

    private static ReadOnlySpan<char> Undouble(ReadOnlySpan<char> w) =>
        w.Length > 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') && !IsVowel(w[^1]) ? w[..^1] : w;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }
        return true;
    }
}
