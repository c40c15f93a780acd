namespace Liftoff.Domain.Disclosure;

internal static partial class DateScanner
{
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Months = Lookup(
        "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
        "september sep sept", "october oct", "november nov", "december dec");

    // Season name to its first month (winter runs into the next year): index 2 is March, 5 June, 8 September, 11
    // December.
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Seasons = Lookup(
        "", "", "spring", "", "", "summer", "", "", "autumn fall", "", "", "winter");

    /// <summary>Maps each space-separated word of entry i to month i + 1.</summary>
    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] months)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < months.Length; i++)
        {
            foreach (var word in months[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table[word] = i + 1;
            }
        }
        return table.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Words that make a bare month or season name a point in time ("in March", "by spring").</summary>
    private static readonly WordSet LeadWords = new(
        "in", "by", "from", "until", "till", "before", "after", "during", "since", "early", "mid", "late", "end",
        "of", "next", "this", "coming", "around", "for", "on");

    private sealed partial class Scanner
    {
        private readonly Dictionary<int, bool> _pastSentences = [];

        private DateMention? Season(int k)
        {
            if (k >= v.Count || v.Tokens[k].IsDigits || !Seasons.TryGetValue(v.Word(k), out var firstMonth))
            {
                return null;
            }
            var year = v.Year(k + 1);
            var last = k + 1;
            if (year < 0)
            {
                if (!LeadWords.Contains(v.Word(k - 1)) || !v.SameSentence(k - 1, k))
                {
                    return null;
                }
                year = today.Year;
                last = k;
            }
            var first = new DateOnly(year, firstMonth, 1);
            var period = CalendarPeriod.Relative(first, first.AddMonths(3).AddDays(-1));
            if (last == k && !IsPast(k) && (period.Last < today || v.Is(k - 1, "next")))
            {
                period = CalendarPeriod.Relative(period.First.AddYears(1), period.Last.AddYears(1));
            }
            return new DateMention(last == k && v.Is(k - 1, "next") ? k - 1 : k, last, period);
        }

        private DateMention? Relative(int k)
        {
            var word = v.Word(k);
            var prev = v.Word(k - 1);
            var sameSentence = v.SameSentence(k - 1, k);
            var endOfYear = new DateOnly(today.Year, 12, 31);
            switch (word)
            {
                case "week" or "month" or "quarter" or "year" when sameSentence && prev is "next" or "coming":
                    var length = word switch { "week" => 7, "month" => 31, "quarter" => 92, _ => 366 };
                    return new DateMention(k - 1, k, CalendarPeriod.Relative(today.AddDays(1),
                        today.AddDays(2 * length)));
                case "week" or "month" or "quarter" or "year" when sameSentence && prev is "this":
                    return new DateMention(k - 1, k, CalendarPeriod.Relative(today, word is "year" ? endOfYear
                        : today.AddDays(92)));
                case "year" when sameSentence && ((prev is "the" && v.Is(k - 2, "of") && v.Is(k - 3, "end"))
                    || v.Is(k + 1, "end")):
                    return new DateMention(k, k, CalendarPeriod.Relative(today, endOfYear));
                case "days" or "weeks" or "months" when sameSentence
                    && (prev is "few" or "coming" or "couple" || v.Number(k - 1, 2) > 0):
                    return new DateMention(k - 1, k, CalendarPeriod.Relative(today,
                        today.AddDays(word is "months" ? 366 : 92)));
                case "christmas":
                    return new DateMention(k, k, CalendarPeriod.Day(NextYearFor(k, 12, 25), 12, 25));
                case "tomorrow":
                    return new DateMention(k, k, CalendarPeriod.Relative(today.AddDays(1), today.AddDays(1)));
                default:
                    return null;
            }
        }

        private DateMention? YearAlone(int k)
        {
            var year = v.Year(k);
            if (year < 0)
            {
                return null;
            }
            // A year glued to other numbers is part of a phone, order or part number.
            var gluedBefore = k > 0 && v.Tokens[k - 1].IsDigits && v.Tokens[k].GapBefore is Gap.None or Gap.Joinable;
            var gluedAfter = k + 1 < v.Count && v.Tokens[k + 1].IsDigits
                && v.Tokens[k + 1].GapBefore is Gap.None or Gap.Joinable;
            return gluedBefore || gluedAfter ? null : new DateMention(k, k, CalendarPeriod.Year(year));
        }

        /// <summary>True when the sentence around token k talks about the past and not the future.</summary>
        private bool IsPast(int k)
        {
            // One answer per sentence: a long text without full stops must not be rescanned per date.
            var sentence = v.Tokens[k].Sentence;
            if (_pastSentences.TryGetValue(sentence, out var known))
            {
                return known;
            }
            return _pastSentences[sentence] = ScanTense(k, sentence);
        }

        private bool ScanTense(int k, int sentence)
        {
            var past = false;
            for (var i = k; i >= 0 && v.Tokens[i].Sentence == sentence; i--)
            {
                if (v.Has(i, WordClass.Future))
                {
                    return false;
                }
                past |= v.Has(i, WordClass.Past);
            }
            for (var i = k + 1; i < v.Count && v.Tokens[i].Sentence == sentence; i++)
            {
                if (v.Has(i, WordClass.Future))
                {
                    return false;
                }
                past |= v.Has(i, WordClass.Past);
            }
            return past;
        }
    }
}
