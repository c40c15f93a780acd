using System.Globalization;
using System.Text.RegularExpressions;

namespace Liftoff.Web.Features.Roadmap;

/// <summary>Checks and normalises a roadmap target: a date, YYYY-MM, YYYY-Qn or YYYY.</summary>
public static partial class RoadmapTarget
{
    public const string Help = "Use a date (2027-05-14), a month (2027-05), a quarter (2027-Q2) or a year (2027).";

    public static bool TryNormalise(string? value, out string? normalised)
    {
        normalised = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        var v = value.Trim().ToUpperInvariant();
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || (MonthPattern().IsMatch(v) && int.Parse(v[5..], CultureInfo.InvariantCulture) is >= 1 and <= 12)
            || QuarterPattern().IsMatch(v)
            || YearPattern().IsMatch(v))
        {
            normalised = v;
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"^(19|20|21)\d\d-\d\d$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(19|20|21)\d\d-Q[1-4]$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^(19|20|21)\d\d$")]
    private static partial Regex YearPattern();
}
