namespace Liftoff.Domain.Disclosure;

/// <summary>Turns matches into findings with original spans and readable reasons.</summary>
internal sealed class FindingBuilder(string text, TokenView view, DisclosureMatcher matcher)
{
    private const string HiddenNote = " It sits in markup a reader does not see (comment, attribute, link or script).";

    private readonly List<DisclosureFinding> _findings = [];

    public void Mention(NameMatch m)
    {
        var item = matcher.Items[m.Entry.ItemIndex];
        var kind = m.Entry.Kind switch
        {
            NameKind.Codename => "codename",
            NameKind.Alias => "alias",
            NameKind.ModelNumber => "model number",
            _ => "title",
        };
        var (start, end) = view.Original(m.FirstToken, m.LastToken);
        var typo = m.Edits > 0 || m.Disguised ? $" (written \"{Excerpt(start, end)}\")" : string.Empty;
        Add(start, end, DisclosureKind.ItemMention, item,
            $"Names \"{m.Entry.Name}\"{typo}, the {kind} of the unreleased roadmap item \"{item.Title}\".");
    }

    public void Upcoming(int first, int last)
    {
        var (start, end) = view.Original(first, last);
        Add(start, end, DisclosureKind.UpcomingRelease, null,
            $"\"{Excerpt(start, end)}\" talks about what an upcoming release will bring.");
    }

    public void DateNearMention(DateMention date, NameMatch mention)
    {
        var item = matcher.Items[mention.Entry.ItemIndex];
        var (start, end) = view.Original(date.FirstToken, date.LastToken);
        Add(start, end, DisclosureKind.ReleaseDate, item,
            $"\"{Excerpt(start, end)}\" is a future date next to a mention of \"{item.Title}\".");
    }

    public void DateInReleaseTalk(DateMention date)
    {
        var (start, end) = view.Original(date.FirstToken, date.LastToken);
        var item = ItemWithTarget(date.Period);
        var target = item is null ? string.Empty : $" It matches the target of \"{item.Title}\".";
        Add(start, end, DisclosureKind.ReleaseDate, item,
            $"\"{Excerpt(start, end)}\" is a future date in a sentence about a release.{target}");
    }

    public void Version(VersionMention v)
    {
        var item = matcher.Items[v.ItemIndex];
        var (start, end) = view.Original(v.FirstToken, v.LastToken);
        Add(start, end, DisclosureKind.UnreleasedVersion, item,
            $"Version {v.Version} is not released yet (roadmap item \"{item.Title}\").");
    }

    /// <summary>Drops what an approved statement covers and findings inside a stronger one.</summary>
    public List<DisclosureFinding> Build(RangeSet approved)
    {
        var sorted = _findings.Where(f => !approved.ContainsSpan(f.Start, f.Start + f.Length))
            .OrderBy(f => f.Start).ThenByDescending(f => f.Length).ThenBy(f => f.Kind)
            .ToList();
        var kept = new List<DisclosureFinding>(sorted.Count);
        var open = new List<DisclosureFinding>();
        foreach (var f in sorted)
        {
            // Only findings still open at this start can contain it.
            open.RemoveAll(o => o.Start + o.Length <= f.Start);
            if (!open.Any(o => Contains(o, f) && (o.Kind < f.Kind || (o.Kind == f.Kind && o.Length > f.Length))))
            {
                kept.Add(f);
            }
            open.Add(f);
        }
        return kept;
    }

    /// <summary>
    /// The one unreleased item planned for exactly this period. A bare year, or a period several
    /// items share, names nobody: guessing would send the reviewer after the wrong item.
    /// </summary>
    private RoadmapItem? ItemWithTarget(CalendarPeriod period)
    {
        if (period.Precision is PeriodPrecision.Year or PeriodPrecision.Relative)
        {
            return null;
        }
        RoadmapItem? found = null;
        for (var i = 0; i < matcher.Items.Count; i++)
        {
            if (matcher.Targets[i] is { } t && t.First == period.First && t.Last == period.Last
                && !matcher.Items[i].IsPublic)
            {
                if (found is not null)
                {
                    return null;
                }
                found = matcher.Items[i];
            }
        }
        return found;
    }

    private static bool Contains(DisclosureFinding outer, DisclosureFinding inner) =>
        inner.Start >= outer.Start && inner.Start + inner.Length <= outer.Start + outer.Length;

    private void Add(int start, int end, DisclosureKind kind, RoadmapItem? item, string reason)
    {
        var hidden = view.Text.IsHidden(start);
        _findings.Add(new DisclosureFinding(start, end - start, kind, item, hidden ? reason + HiddenNote : reason,
            hidden));
    }

    private string Excerpt(int start, int end) =>
        end - start <= 60 ? text[start..end] : string.Concat(text.AsSpan(start, 57), "...");
}
