using System.Security.Cryptography;
using System.Text;
using Liftoff.Data.ReleaseNotes;

namespace Liftoff.Web.Features.ReleaseNotes;

public sealed record NoteItemView(int Id, string Text, bool IsExternal);

public sealed record Approval(string UserName, DateTimeOffset At);

public sealed record ReleaseNotesView(
    int ReleaseId,
    string ReleaseTitle,
    IReadOnlyList<NoteItemView> Items,
    string CustomerMarkdown,
    string CustomerImpactMarkdown,
    Approval? Delivery,
    Approval? CustomerSuccess,
    int RowVersion,
    NotesAudience Audience = NotesAudience.Both,
    DateTimeOffset? AnnouncedAt = null)
{
    public bool Approved => Delivery is not null && CustomerSuccess is not null;

    /// <summary>The customer-facing notes exactly as they go out: checked, approved and published as this one
    /// text.</summary>
    public string CustomerText => ReleaseNotesText.CustomerFacing(CustomerMarkdown, CustomerImpactMarkdown);

    /// <summary>What a lead approves: the exact text and the audiences it is for.</summary>
    public string CustomerTextHash => ReleaseNotesText.ApprovalHash(CustomerText, Audience);
}

public static class ReleaseNotesText
{
    public const string ImpactHeading = "## What this means for customers";

    public static string CustomerFacing(string notes, string impact)
    {
        var text = (notes ?? "").Trim();
        if (!string.IsNullOrWhiteSpace(impact))
        {
            text += $"\n\n{ImpactHeading}\n\n{impact.Trim()}";
        }
        return text;
    }

    public static string CustomerFacing(ReleaseNotesEntity notes) =>
        CustomerFacing(notes.CustomerMarkdown, notes.CustomerImpactMarkdown);

    /// <summary>Customer-facing notes generated from the external items, one bullet each, to be edited before
    /// approval.</summary>
    public static string FromExternalItems(IEnumerable<NoteItemView> items) =>
        string.Join("\n", items.Where(i => i.IsExternal).Select(i => $"- {i.Text.Trim()}"));

    /// <summary>The internal notes as text, each item labelled, for the customer teams' internal list.</summary>
    public static string Internal(IEnumerable<NoteItemView> items) =>
        string.Join("\n", items.Select(i => $"- [{(i.IsExternal ? "external" : "internal")}] {i.Text.Trim()}"));

    public static string ApprovalHash(string text, NotesAudience audience) => Hash($"{audience}\n{text}");

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
