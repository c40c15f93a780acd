namespace Liftoff.Domain.Disclosure;

public enum DisclosureKind
{
    /// <summary>A title, codename or alias of an item that is not public.</summary>
    ItemMention,

    /// <summary>A future date, month, quarter or year tied to a roadmap item or to release talk.</summary>
    ReleaseDate,

    /// <summary>A version number that has not been released.</summary>
    UnreleasedVersion,

    /// <summary>Talk about what an upcoming release or product will bring.</summary>
    UpcomingRelease,
}

/// <param name="Start">Offset in the original text.</param>
/// <param name="Length">Length in the original text, including any markup or invisible characters inside the
/// match.</param>
/// <param name="Item">The roadmap item the finding refers to, when one can be named.</param>
/// <param name="InHiddenContent">True when the span is in a comment, an attribute, a link target, alt text or a
/// script.</param>
public sealed record DisclosureFinding(
    int Start,
    int Length,
    DisclosureKind Kind,
    RoadmapItem? Item,
    string Reason,
    bool InHiddenContent);

public enum DisclosureStatus
{
    Clear,
    Leaks,
    Refused,
}

public sealed record DisclosureResult(DisclosureStatus Status, IReadOnlyList<DisclosureFinding> Findings,
    string? RefusalReason = null)
{
    public bool IsClear => Status == DisclosureStatus.Clear;

    internal static DisclosureResult From(IReadOnlyList<DisclosureFinding> findings) =>
        new(findings.Count == 0 ? DisclosureStatus.Clear : DisclosureStatus.Leaks, findings);

    internal static DisclosureResult Refuse(string reason) => new(DisclosureStatus.Refused, [], reason);
}
