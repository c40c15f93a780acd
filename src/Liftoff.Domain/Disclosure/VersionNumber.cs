using System.Globalization;

namespace Liftoff.Domain.Disclosure;

/// <summary>A dotted version number; missing parts compare as zero, so 5 equals 5.0.</summary>
internal readonly record struct VersionNumber(int[] Parts) : IComparable<VersionNumber>
{
    public int Major => Parts[0];

    public static bool TryParse(string text, out VersionNumber version)
    {
        version = default;
        var trimmed = text.Trim().TrimStart('v', 'V');
        var pieces = trimmed.Split('.');
        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length is 0 or > 6 || !int.TryParse(pieces[i], NumberStyles.None,
                CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }
        version = new VersionNumber(parts);
        return true;
    }

    public int CompareTo(VersionNumber other)
    {
        for (var i = 0; i < Math.Max(Parts.Length, other.Parts.Length); i++)
        {
            var a = i < Parts.Length ? Parts[i] : 0;
            var b = i < other.Parts.Length ? other.Parts[i] : 0;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }
        return 0;
    }

    public override string ToString() => string.Join('.', Parts);

    public bool Equals(VersionNumber other) => CompareTo(other) == 0;

    public override int GetHashCode() => Parts.Length == 0 ? 0 : Parts[0];
}
