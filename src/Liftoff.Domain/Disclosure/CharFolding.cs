using System.Globalization;
using System.Text;

namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Folds every UTF-16 unit to the form names are matched in: lower case, no accents, look-alike
/// Cyrillic and Greek letters as Latin, invisible formatting characters dropped.
/// </summary>
internal static class CharFolding
{
    /// <summary>Marks a character that is removed before matching (zero-width, soft hyphen, combining mark).</summary>
    public const char Dropped = '\0';

    /// <summary>Emitted between pieces of text that must never be read as one sentence (blocks, attributes).</summary>
    public const char Break = '\u2029';

    // Letters that render (nearly) the same as a Latin letter; used to sneak names past exact matching.
    private const string LookAlikes =
        "аaвbеeкkмmнhоoрpсcтtуyхxѕsіiјjһhԁdԛqԝwӏlьbгrпnАaВbЕeКkМmНhОoРpСcТtУyХxЅsІiЈjҺhԀdԚqԜwӀl" +
        "αaβbεeηnιiκkνvοoρpτtυuχxωwΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧx";

    // Filled on first use of each character: normalising all 65,536 up front costs a noticeable
    // pause on the first check. Concurrent writers store the same value, so no lock is needed.
    private const char Unknown = '\uFFFF';

    private static readonly char[] Table = Build();

    public static char Fold(char c)
    {
        var f = Table[c];
        return f != Unknown ? f : Table[c] = FoldSlow(c);
    }

    private static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        Array.Fill(table, Unknown);
        for (var i = 0; i < 0x80; i++)
        {
            table[i] = FoldSlow((char)i);
        }
        for (var i = 0; i < LookAlikes.Length; i += 2)
        {
            table[LookAlikes[i]] = LookAlikes[i + 1];
        }
        return table;
    }

    private static char FoldSlow(char c)
    {
        if (c < 0x80)
        {
            return c is '\r' ? '\n' : char.ToLowerInvariant(c);
        }
        if (char.IsSurrogate(c))
        {
            return c;
        }
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return Dropped;
            case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                return '\n';
            case UnicodeCategory.SpaceSeparator:
                return ' ';
            case UnicodeCategory.DashPunctuation:
                return '-';
            case UnicodeCategory.DecimalDigitNumber:
                // Digits of every script read as ASCII, so "２０２７" or "٢٠٢٧" is still a year.
                return (char)('0' + (int)char.GetNumericValue(c));
            default:
                break;
        }
        if (c is '\u2018' or '\u2019' or '\u02BC')
        {
            return '\'';
        }
        if (!char.IsLetterOrDigit(c))
        {
            return c;
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        var baseChar = c;
        var count = 0;
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                baseChar = d;
                count++;
            }
        }
        return char.ToLowerInvariant(count == 1 ? baseChar : c);
    }
}
