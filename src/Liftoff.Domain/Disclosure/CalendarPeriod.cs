using System.Globalization;

namespace Liftoff.Domain.Disclosure;

internal enum PeriodPrecision
{
    Relative,
    Year,
    Half,
    Quarter,
    Month,
    Day,
}

/// <summary>An inclusive span of days, as a roadmap target or a date written in a text.</summary>
internal readonly record struct CalendarPeriod(DateOnly First, DateOnly Last, PeriodPrecision Precision)
{
    public bool EndsOnOrAfter(DateOnly day) => Last >= day;

    public static CalendarPeriod Day(int year, int month, int day) =>
        new(new DateOnly(year, month, day), new DateOnly(year, month, day), PeriodPrecision.Day);

    public static CalendarPeriod Month(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
            PeriodPrecision.Month);

    public static CalendarPeriod Quarter(int year, int quarter) =>
        new(new DateOnly(year, (quarter * 3) - 2, 1), Month(year, quarter * 3).Last, PeriodPrecision.Quarter);

    public static CalendarPeriod Half(int year, int half) =>
        new(new DateOnly(year, (half * 6) - 5, 1), Month(year, half * 6).Last, PeriodPrecision.Half);

    public static CalendarPeriod Year(int year) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), PeriodPrecision.Year);

    public static CalendarPeriod Relative(DateOnly first, DateOnly last) => new(first, last, PeriodPrecision.Relative);

    public static bool IsYear(int year) => year is >= 1990 and <= 2100;

    /// <summary>Parses a roadmap target: <c>2027-02-15</c>, <c>2027-03</c>, <c>2027-Q2</c>, <c>2027-H1</c> or
    /// <c>2027</c>.</summary>
    public static bool TryParseTarget(string? target, out CalendarPeriod period)
    {
        period = default;
        var t = target?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(t))
        {
            return false;
        }
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            period = new(day, day, PeriodPrecision.Day);
            return true;
        }
        var parts = t.Split('-', ' ', '/');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture,
            out var year) || !IsYear(year))
        {
            return false;
        }
        if (parts.Length == 1)
        {
            period = Year(year);
            return true;
        }
        var rest = parts[1];
        if (rest.Length == 2 && rest[0] is 'Q' or 'H' && char.IsAsciiDigit(rest[1]))
        {
            var n = rest[1] - '0';
            var ok = rest[0] == 'Q' ? n is >= 1 and <= 4 : n is 1 or 2;
            period = !ok ? default : rest[0] == 'Q' ? Quarter(year, n) : Half(year, n);
            return ok;
        }
        if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            period = Month(year, month);
            return true;
        }
        return false;
    }
}
