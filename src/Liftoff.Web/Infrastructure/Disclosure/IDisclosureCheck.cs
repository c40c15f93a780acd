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
/// The single seam every outgoing text passes before it is published or sent: knowledge-base
/// articles, customer-facing release notes, newsletters, the customer-team share and any email to
/// external contacts.
/// </summary>
public interface IDisclosureCheck
{
    /// <param name="text">The text as it would go out.</param>
    /// <param name="audienceOrganisationId">The receiving organisation when it is one organisation; null for a wide audience.</param>
    Task<DisclosureVerdict> CheckAsync(string text, int? audienceOrganisationId, CancellationToken ct);
}
