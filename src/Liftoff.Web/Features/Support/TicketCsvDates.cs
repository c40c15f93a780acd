using System.Globalization;
using System.Text.RegularExpressions;

namespace Liftoff.Web.Features.Support;

/// <summary>Reads the days and ticket timestamps found in helpdesk exports, in their various formats.</summary>
internal static partial class TicketCsvDates
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "dd.MM.yyyy", "d.M.yyyy", "yyyyMMdd"];

    internal static bool TryParseDay(string raw, out DateOnly day)
    {
        raw = raw.Trim();
        if (DateOnly.TryParseExact(raw, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }
        // A day column exported with a midnight time ("2026-03-01 00:00:00").
        if (DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            && dt.TimeOfDay == TimeSpan.Zero)
        {
            day = DateOnly.FromDateTime(dt);
            return true;
        }
        day = default;
        return false;
    }

    /// <summary>Timestamps with an offset are converted into the zone; those without one are taken to be in
    /// it.</summary>
    internal static bool TryParseInstant(string raw, TimeZoneInfo zone, out DateOnly localDay)
    {
        raw = raw.Trim();
        localDay = default;
        if (raw.Length == 0)
        {
            return false;
        }
        raw = ZoneNamePattern().Replace(raw, "Z");
        if (OffsetPattern().IsMatch(raw))
        {
            if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                || DateTimeOffset.TryParse(CompactOffsetPattern().Replace(raw, "$1:$2"), CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out instant))
            {
                if (instant.Year is <= 1 or >= 9999)
                {
                    // Converting into the zone could leave the calendar; such a day is refused as implausible.
                    localDay = DateOnly.FromDateTime(instant.UtcDateTime);
                    return true;
                }
                localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
                return true;
            }
            return false;
        }
        if (DateTime.TryParseExact(raw, ["dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            localDay = DateOnly.FromDateTime(local);
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"\s*\b(UTC|GMT)$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneNamePattern();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex CompactOffsetPattern();
}
