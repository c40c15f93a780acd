using System.Text.Json.Serialization;
using Liftoff.Domain.Disclosure;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>One passage of an outgoing text that must not leave the company as it is.</summary>
/// <param name="Start">Offset of the passage in the checked text.</param>
/// <param name="Length">Length of the passage.</param>
/// <param name="Text">The passage itself.</param>
/// <param name="Kind">What the passage gives away; null when the whole text was refused.</param>
/// <param name="ItemTitle">The roadmap item the passage refers to, when one can be named.</param>
/// <param name="Reason">Why it may not be disclosed (e.g. "unreleased roadmap item 'Offline mode'").</param>
/// <param name="InHiddenContent">True when the passage is in a comment, an attribute, a link target or a
/// script.</param>
public sealed record FindingView(
    int Start, int Length, string Text, DisclosureKind? Kind, string? ItemTitle, string Reason, bool InHiddenContent)
{
    /// <summary>The passage, under the name the blocked-text answers of the API have always given it.</summary>
    public string Match => Text;
}

/// <summary>The result of checking one outgoing text: blocked while a finding remains or when it was refused.</summary>
public sealed record DisclosureCheckResult(
    DisclosureStatus Status, IReadOnlyList<FindingView> Findings, string? RefusalReason, int OverriddenCount)
{
    public bool Blocked => Status != DisclosureStatus.Clear;

    /// <summary>What stops the text: its findings, or for a refused text one empty passage giving the reason.</summary>
    [JsonIgnore]
    public IReadOnlyList<FindingView> BlockingFindings => Status == DisclosureStatus.Refused
        ? [new FindingView(0, 0, "", null, null, RefusalReason ?? "The text was refused.", false)]
        : Findings;
}
