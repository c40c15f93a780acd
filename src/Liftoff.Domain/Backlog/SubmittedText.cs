using System.Globalization;
using System.Text;

namespace Liftoff.Domain.Backlog;

/// <summary>
/// Rules for text people type into request forms: control characters are never stored (a NUL byte
/// breaks exports and PostgreSQL), and a title must show something when printed.
/// </summary>
public static class SubmittedText
{
    /// <summary>A one-line text: line breaks and tabs become spaces, every other control character goes.</summary>
    public static string CleanLine(string? text)
    {
        var s = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\t' or '\n' or '\r')
            {
                b.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                b.Append(c);
            }
        }
        return b.ToString().Trim();
    }

    /// <summary>A multi-line text: keeps line breaks (as \n) and tabs, removes every other control character.</summary>
    public static string CleanText(string? text)
    {
        var s = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                b.Append(c);
            }
        }
        return b.ToString().Trim();
    }

    /// <summary>
    /// True when the text has at least one character that shows: not whitespace, not a control or
    /// formatting character (zero-width space and joiners, byte-order mark, bidi marks, soft hyphen),
    /// not a combining mark on its own, and not one of the blank "filler" letters.
    /// </summary>
    public static bool HasVisibleCharacters(string? text)
    {
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Blank(rune.Value))
            {
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }
            return true;
        }
        return false;
    }

    // Letters and symbols that print as nothing: Hangul fillers, the braille blank, the Khmer vowels inherent.
    private static bool Blank(int c) =>
        c is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x17B4 or 0x17B5 or 0x180E;
}
