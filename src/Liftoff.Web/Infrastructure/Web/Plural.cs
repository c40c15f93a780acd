using System.Globalization;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>Counted nouns in plain English: "1 vote", "3 votes", "0 items".</summary>
public static class Plural
{
    public static string Count(int count, string noun, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? noun : plural ?? noun + "s")}");

    public static string Count(long count, string noun, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? noun : plural ?? noun + "s")}");
}

/// <summary>Status names as people say them: "UnderReview" becomes "Under review".</summary>
public static class Words
{
    public static string Label(object? value)
    {
        var text = value?.ToString() ?? "";
        var words = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(text[i - 1]))
            {
                words.Append(' ');
                c = char.ToLowerInvariant(c);
            }
            words.Append(c);
        }
        return words.ToString();
    }
}
