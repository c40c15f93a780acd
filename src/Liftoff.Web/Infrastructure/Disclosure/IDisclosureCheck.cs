using Liftoff.Data.ReleaseNotes;

namespace Liftoff.Web.Infrastructure.Disclosure;

/// <summary>One passage of an outgoing text that must not leave the company as it is.</summary>
/// <param name="Start">Offset of the passage in the checked text.</param>
/// <param name="Length">Length of the passage.</param>
/// <param name="Match">The passage itself.</param>
/// <param name="Reason">Why it may not be disclosed (e.g. "unreleased roadmap item 'Offline mode'").</param>
public sealed record DisclosureFinding(int Start, int Length, string Match, string Reason);

/// <summary>The result of checking one outgoing text: blocked while any finding remains.</summary>
public sealed record DisclosureVerdict(IReadOnlyList<DisclosureFinding> Findings)
{
    public static DisclosureVerdict Clear { get; } = new([]);

    public bool Blocked => Findings.Count > 0;
}

/// <summary>
/// Who reads an outgoing text: one organisation (its kind decides whether it is a reseller or a
/// customer), or a wide audience. Release announcements pass only for audiences they were made to;
/// the public (anonymous readers, the lending shop) needs an announcement to resellers and customers.
/// </summary>
public readonly record struct DisclosureAudience(int? OrganisationId, NotesAudience Groups)
{
    public static DisclosureAudience Public => new(null, NotesAudience.Both);

    public static DisclosureAudience Resellers => new(null, NotesAudience.Resellers);

    public static DisclosureAudience Customers => new(null, NotesAudience.Customers);

    /// <summary>One organisation; its groups are looked up when the text is checked.</summary>
    public static DisclosureAudience Of(int organisationId) => new(organisationId, NotesAudience.Both);

    public static DisclosureAudience Of(int? organisationId) => organisationId is { } id ? Of(id) : Public;

    public string Describe() => OrganisationId is not null ? "the organisation" : Groups switch
    {
        NotesAudience.Resellers => "resellers",
        NotesAudience.Customers => "customers",
        _ => "everyone",
    };
}

/// <summary>
/// The single seam every outgoing text passes before it is published or sent: knowledge-base
/// articles, customer-facing release notes, newsletters, the customer-team share and any email to
/// external contacts.
/// </summary>
public interface IDisclosureCheck
{
    /// <param name="text">The text as it would go out.</param>
    /// <param name="audience">Who will read it.</param>
    Task<DisclosureVerdict> CheckAsync(string text, DisclosureAudience audience, CancellationToken ct);

    /// <param name="text">The text as it would go out.</param>
    /// <param name="audienceOrganisationId">The receiving organisation when it is one organisation; null for the
    /// public.</param>
    Task<DisclosureVerdict> CheckAsync(string text, int? audienceOrganisationId, CancellationToken ct) =>
        CheckAsync(text, DisclosureAudience.Of(audienceOrganisationId), ct);
}
