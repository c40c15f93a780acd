namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>Splits an identifier at joiners (. _ - $ #) and at camel-case humps, lower-cased.</summary>
internal static class IdentifierParts
{
    public static void Split(ReadOnlySpan<char> run, List<string> parts)
    {
        var start = 0;
        for (var i = 1; i <= run.Length; i++)
        {
            if (i == run.Length || !char.IsLetterOrDigit(run[i]) || IsHump(run, i))
            {
                if (i > start && char.IsLetterOrDigit(run[start]))
                {
                    parts.Add(run[start..i].ToString().ToLowerInvariant());
                }
                start = i < run.Length && !char.IsLetterOrDigit(run[i]) ? i + 1 : i;
            }
        }
    }

    // "fileStatus" splits before 'S'; "HTTPServer" splits before "Server"; digits stay attached.
    private static bool IsHump(ReadOnlySpan<char> s, int i)
    {
        if (!char.IsUpper(s[i]))
        {
            return false;
        }
        var prev = s[i - 1];
        if (char.IsLower(prev))
        {
            return true;
        }
        return char.IsUpper(prev) && i + 1 < s.Length && char.IsLower(s[i + 1]);
    }
}
