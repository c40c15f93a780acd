using System.Globalization;

namespace Liftoff.Domain.Disclosure;

/// <summary>
/// Checks an outbound text (newsletter, KB article, e-mail) for roadmap content before it reaches
/// customers or resellers: names of unreleased items, their dates, unreleased version numbers and
/// talk about upcoming releases, in the visible text and in hidden markup alike.
/// </summary>
public sealed class DisclosureGuard
{
    private readonly DisclosureOptions _options;

    public DisclosureGuard(DisclosureMatcher matcher, DisclosureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        Matcher = matcher;
        _options = options ?? DisclosureOptions.Default;
    }

    public DisclosureGuard(IEnumerable<RoadmapItem> items, DisclosureOptions? options = null)
        : this(DisclosureMatcher.Compile(items), options)
    {
    }

    public DisclosureMatcher Matcher { get; }

    /// <param name="text">Plain text, Markdown or HTML.</param>
    /// <param name="audienceOrganisationId">The receiving organisation, or null for the general public.</param>
    /// <param name="approved">Statements agreed with a team lead; only those for the audience are let through, word for
    /// word.</param>
    /// <param name="today">The day the text goes out; decides which dates lie in the future.</param>
    /// <param name="announced">Release announcements that reach this audience: their items, versions and dates
    /// pass.</param>
    public DisclosureResult Check(string? text, string? audienceOrganisationId,
        IEnumerable<ApprovedStatement>? approved, DateOnly today,
        IEnumerable<Announcement>? announced = null)
    {
        text ??= string.Empty;
        if (text.Length > _options.MaxTextLength)
        {
            return DisclosureResult.Refuse(string.Create(CultureInfo.InvariantCulture,
                $"The text has {text.Length:N0} characters; the limit is {_options.MaxTextLength:N0}. Split it into " +
                    $"smaller parts."));
        }
        if (text.Length == 0)
        {
            return DisclosureResult.From([]);
        }
        using var view = new TokenView(FoldedText.From(text), Matcher.Vocabulary);
        var findings = new FindingBuilder(text, view, Matcher);

        var content = new AnnouncedContent(announced);
        var names = new NameScanner(Matcher.Names, view);
        var mentions = names.Scan();
        // Sentences naming an announced item or version may say what the release brings.
        var announcedSentences = new HashSet<int>();
        foreach (var m in mentions)
        {
            if (content.Item(Matcher.Items[m.Entry.ItemIndex]))
            {
                announcedSentences.Add(view.Tokens[m.FirstToken].Sentence);
            }
            else
            {
                findings.Mention(m);
            }
        }
        var dates = DateScanner.Scan(view, today);
        var versions = VersionScanner.Scan(view, Matcher, dates);
        foreach (var version in versions.Where(v => v.IsUnreleased && content.Version(v.Version)))
        {
            announcedSentences.Add(view.Tokens[version.FirstToken].Sentence);
        }
        var facts = new SentenceFacts(view, names.PublicMatches);
        foreach (var (first, last) in UpcomingReleaseScanner.Scan(view))
        {
            facts.MarkUpcomingRelease(view.Tokens[first].Sentence);
            if (!announcedSentences.Contains(view.Tokens[first].Sentence))
            {
                findings.Upcoming(first, last);
            }
        }
        foreach (var version in versions)
        {
            if (!version.IsUnreleased)
            {
                facts.MarkReleasedVersion(view.Tokens[version.FirstToken].Sentence);
            }
            else if (!content.Version(version.Version))
            {
                findings.Version(version);
            }
        }
        foreach (var date in dates)
        {
            if (!date.Period.EndsOnOrAfter(today) || content.Date(date.Period))
            {
                continue;
            }
            var sentence = view.Tokens[date.FirstToken].Sentence;
            if (NearestMention(view, mentions, date.FirstToken, sentence,
                facts.HasReleaseTalk(sentence)) is { } mention)
            {
                findings.DateNearMention(date, mention);
            }
            else if (facts.IsAboutRelease(sentence))
            {
                findings.DateInReleaseTalk(date);
            }
        }
        return DisclosureResult.From(findings.Build(ApprovedRanges(text, audienceOrganisationId, approved)));
    }

    /// <summary>
    /// What a release's customer-facing notes announce once both leads approve them: those of the
    /// release's items that the notes name, the release's version if the notes give it, and the dates
    /// the notes give that contain the release day, each exactly as written.
    /// </summary>
    /// <param name="notes">The customer-facing notes (Markdown).</param>
    /// <param name="releaseItemIds">Ids of the roadmap items linked to the release.</param>
    /// <param name="releaseVersion">The release's version, e.g. "5.3".</param>
    /// <param name="releaseDay">The day the release is planned for.</param>
    /// <param name="today">The day of the approval.</param>
    public Announcement Announce(string? notes, IReadOnlyCollection<string> releaseItemIds, string? releaseVersion,
        DateOnly releaseDay, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(releaseItemIds);
        if (string.IsNullOrEmpty(notes) || notes.Length > _options.MaxTextLength)
        {
            return Announcement.None;
        }
        using var view = new TokenView(FoldedText.From(notes), Matcher.Vocabulary);
        var items = new NameScanner(Matcher.Names, view).Scan()
            .Select(m => Matcher.Items[m.Entry.ItemIndex].Id)
            .OfType<string>().Where(releaseItemIds.Contains).Distinct(StringComparer.Ordinal).ToList();
        var dates = DateScanner.Scan(view, today);
        var versions = new List<string>();
        if (releaseVersion is not null && VersionNumber.TryParse(releaseVersion, out var version) &&
            VersionScanner.Scan(view, Matcher, dates).Any(v => v.IsUnreleased && v.Version.CompareTo(version) == 0))
        {
            versions.Add(version.ToString());
        }
        var spans = dates.Where(d => d.Period.Precision != PeriodPrecision.Relative && d.Period.First <= releaseDay
                && releaseDay <= d.Period.Last)
            .Select(d => new DateSpan(d.Period.First, d.Period.Last)).Distinct().ToList();
        return new Announcement(items, versions, spans);
    }

    /// <summary>
    /// The mention closest to a date in its own sentence, or in a neighbouring one when the date's
    /// sentence talks about a release ("Skyhawk is done. It ships in Q2."), so that the office
    /// hours next to a leaked name are not reported as its release date.
    /// </summary>
    private static NameMatch? NearestMention(TokenView view, List<NameMatch> mentions, int token, int sentence,
        bool releaseTalk)
    {
        // Mentions are in token order: the nearest is right before or right after the date.
        int lo = 0, hi = mentions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = mentions[mid].FirstToken < token ? (mid + 1, hi) : (lo, mid);
        }
        var reach = releaseTalk ? 1 : 0;
        NameMatch? best = null;
        foreach (var index in (ReadOnlySpan<int>)[lo - 1, lo])
        {
            if (index >= 0 && index < mentions.Count && Math.Abs(view.Tokens[mentions[index].FirstToken]
                .Sentence - sentence) <= reach &&
                (best is null || Math.Abs(mentions[index].FirstToken - token) < Math.Abs(
                    best.Value.FirstToken - token)))
            {
                best = mentions[index];
            }
        }
        return best;
    }

    private static RangeSet ApprovedRanges(string text, string? audience, IEnumerable<ApprovedStatement>? approved)
    {
        var ranges = new List<(int, int)>();
        if (approved is null)
        {
            return new RangeSet(ranges);
        }
        foreach (var statement in approved)
        {
            // A statement for one organisation passes only in texts for that organisation; one for nobody in particular
            // passes everywhere.
            if (statement is null || string.IsNullOrEmpty(statement.Text) ||
                (statement.OrganisationId is not null && !string.Equals(statement.OrganisationId, audience,
                    StringComparison.Ordinal)))
            {
                continue;
            }
            for (var at = text.IndexOf(statement.Text, StringComparison.Ordinal); at >= 0; at = text.IndexOf(
                statement.Text, at + 1, StringComparison.Ordinal))
            {
                ranges.Add((at, at + statement.Text.Length));
            }
        }
        return new RangeSet(ranges);
    }
}
