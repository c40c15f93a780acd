namespace Liftoff.Domain.Disclosure;

internal readonly record struct DateMention(int FirstToken, int LastToken, CalendarPeriod Period);

/// <summary>
/// Finds dates, months, quarters, halves, seasons, years and relative periods ("next spring",
/// "within this year") in English text. Dates without a year resolve to their next occurrence, or
/// their last one when the sentence is in the past tense.
/// </summary>
internal static partial class DateScanner
{
    public static List<DateMention> Scan(TokenView v, DateOnly today)
    {
        var found = new List<DateMention>();
        var scan = new Scanner(v, today);
        for (var k = 0; k < v.Count; k++)
        {
            if (!v.Tokens[k].IsDigits && !v.Has(k, WordClass.DateStart))
            {
                continue;
            }
            var m = scan.At(k);
            if (m is { } mention)
            {
                found.Add(mention);
                k = mention.LastToken;
            }
        }
        return found;
    }

    private sealed partial class Scanner(TokenView v, DateOnly today)
    {
        public DateMention? At(int k) =>
            YearFirst(k) ?? NumericDayFirst(k) ?? DayMonth(k) ?? MonthFirst(k) ?? QuarterOrHalf(k) ?? Season(k)
                ?? Relative(k) ?? YearAlone(k);

        private DateMention? YearFirst(int k)
        {
            var year = v.Year(k);
            if (year < 0 || k + 1 >= v.Count)
            {
                return null;
            }
            var sep = v.GapText(k + 1);
            if (sep is "-" or "/" && v.Tokens[k + 1].IsDigits)
            {
                var month = v.Number(k + 1, 2);
                if (month is < 1 or > 12)
                {
                    return null;
                }
                var day = v.GapText(k + 2).SequenceEqual(sep) ? v.Number(k + 2, 2) : -1;
                return day >= 1 && day <= DateTime.DaysInMonth(year, month)
                    ? new DateMention(k, k + 2, CalendarPeriod.Day(year, month, day))
                    : new DateMention(k, k + 1, CalendarPeriod.Month(year, month));
            }
            if (sep is "-" or " " or "/" or "" && v.Tokens[k + 1].GapBefore != Gap.Sentence)
            {
                return QuarterOrHalfNumber(k + 1, year) is { } p ? new DateMention(k, k + 2, p) : null;
            }
            return null;
        }

        private DateMention? NumericDayFirst(int k)
        {
            var a = v.Number(k, 2);
            var b = v.Number(k + 1, 2);
            var year = v.Year(k + 2);
            var sep = v.GapText(k + 1);
            if (a < 1 || b < 1 || year < 0 || sep is not ("." or "/" or "-") || !v.GapText(k + 2).SequenceEqual(sep))
            {
                return null;
            }
            var (day, month) = b > 12 ? (b, a) : (a, b);
            return month <= 12 && day <= DateTime.DaysInMonth(year, month)
                ? new DateMention(k, k + 2, CalendarPeriod.Day(year, month, day))
                : null;
        }

        private DateMention? DayMonth(int k)
        {
            var day = v.Number(k, 2);
            if (day is < 1 or > 31)
            {
                return null;
            }
            var m = k + 1;
            if (v.Word(m) is "st" or "nd" or "rd" or "th" && v.Tokens[m].GapBefore == Gap.None)
            {
                m++;
            }
            if (v.Is(m, "of"))
            {
                m++;
            }
            var month = MonthAt(m);
            if (month < 0 || !v.SameSentence(k, m))
            {
                return null;
            }
            var year = v.Year(m + 1);
            return year > 0 ? Day(k, m + 1, year, month, day) : Day(k, m, NextYearFor(k, month, day), month, day);
        }

        private DateMention? MonthFirst(int k)
        {
            var month = MonthAt(k);
            if (month < 0)
            {
                return null;
            }
            var year = v.Year(k + 1);
            if (year > 0 && v.SameSentence(k, k + 1))
            {
                return new DateMention(k, k + 1, CalendarPeriod.Month(year, month));
            }
            var day = v.Number(k + 1, 2);
            if (day is >= 1 and <= 31 && v.SameSentence(k, k + 1))
            {
                var end = v.Word(k + 2) is "st" or "nd" or "rd" or "th" ? k + 2 : k + 1;
                year = v.Year(end + 1);
                return year > 0 ? Day(k, end + 1, year, month, day)
                    : Day(k, end, NextYearFor(k, month, day), month, day);
            }
            var word = v.Word(k);
            var standsAlone = word.Length > 3 && word is not ("march" or "may");
            if (!standsAlone && !(LeadWords.Contains(v.Word(k - 1)) && v.SameSentence(k - 1, k)))
            {
                return null;
            }
            var y = NextYearFor(k, month, DateTime.DaysInMonth(2000, month));
            return new DateMention(k, k, CalendarPeriod.Month(y, month));
        }

        private DateMention? QuarterOrHalf(int k)
        {
            if (QuarterOrHalfNumber(k, today.Year) is not { } thisYear)
            {
                return null;
            }
            var year = v.Year(k + 2);
            if (year > 0 && v.GapText(k + 2) is " " or "/" or "-" or " '")
            {
                return new DateMention(k, k + 2, QuarterOrHalfNumber(k, year)!.Value);
            }
            if (v.Word(k) is "h")
            {
                return null;
            }
            var period = thisYear.Last < today && !IsPast(k) ? QuarterOrHalfNumber(k, today.Year + 1)!.Value : thisYear;
            return new DateMention(k, k + 1, period);
        }

        private CalendarPeriod? QuarterOrHalfNumber(int k, int year)
        {
            if (k + 1 >= v.Count || v.Tokens[k + 1].GapBefore != Gap.None)
            {
                return null;
            }
            var n = v.Number(k + 1, 1);
            return v.Word(k) switch
            {
                "q" when n is >= 1 and <= 4 => CalendarPeriod.Quarter(year, n),
                "h" when n is 1 or 2 => CalendarPeriod.Half(year, n),
                _ => null,
            };
        }

        private static DateMention? Day(int first, int last, int year, int month, int day) =>
            day <= DateTime.DaysInMonth(year, month) ? new DateMention(first, last,
                CalendarPeriod.Day(year, month, day)) : null;

        private int NextYearFor(int k, int month, int day)
        {
            var date = new DateOnly(today.Year, month, Math.Min(day, DateTime.DaysInMonth(today.Year, month)));
            return IsPast(k) ? (date > today ? today.Year - 1 : today.Year)
                : (date < today ? today.Year + 1 : today.Year);
        }

        private int MonthAt(int k) =>
            k >= 0 && k < v.Count && !v.Tokens[k].IsDigits && Months.TryGetValue(v.Word(k), out var m) ? m : -1;
    }
}
