namespace Liftoff.Data.ReleaseNotes;

/// <summary>Whom a release's customer-facing notes are for.</summary>
[Flags]
public enum NotesAudience
{
    Resellers = 1,
    Customers = 2,
    Both = Resellers | Customers,
}

/// <summary>
/// A release's notes: internal items (each internal or external) and the customer-facing text built
/// from the external ones. Both leads approve the customer-facing text; an edit clears the approvals.
/// </summary>
public class ReleaseNotesEntity
{
    public int Id { get; set; }

    public int ReleaseId { get; set; }

    public List<ReleaseNoteItem> Items { get; set; } = [];

    /// <summary>The customer-facing notes (Markdown).</summary>
    public string CustomerMarkdown { get; set; } = "";

    /// <summary>The "What this means for customers" section (Markdown).</summary>
    public string CustomerImpactMarkdown { get; set; } = "";

    public string? DeliveryApprovedByUserId { get; set; }

    public DateTimeOffset? DeliveryApprovedAt { get; set; }

    public string? CustomerSuccessApprovedByUserId { get; set; }

    public DateTimeOffset? CustomerSuccessApprovedAt { get; set; }

    /// <summary>The audiences the customer-facing notes are for; part of what the leads approve.</summary>
    public NotesAudience Audience { get; set; } = NotesAudience.Both;

    /// <summary>
    /// Set at the second approval: from then on what the notes say about the release is announced to
    /// <see cref="Audience"/>. Cleared with the approvals when the notes change.
    /// </summary>
    public DateTimeOffset? AnnouncedAt { get; set; }

    /// <summary>Ids of the release's roadmap items the approved notes name, separated by ";".</summary>
    public string AnnouncedItemIds { get; set; } = "";

    /// <summary>Version numbers the approved notes announce, separated by ";".</summary>
    public string AnnouncedVersions { get; set; } = "";

    /// <summary>Date spans the approved notes give for the release, "yyyy-MM-dd..yyyy-MM-dd" separated by
    /// ";".</summary>
    public string AnnouncedDates { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    public int RowVersion { get; set; }

    public bool Approved => DeliveryApprovedByUserId is not null && CustomerSuccessApprovedByUserId is not null;
}

/// <summary>One line of the internal notes; only external items may go into the customer-facing notes.</summary>
public class ReleaseNoteItem
{
    public int Id { get; set; }

    public int ReleaseNotesId { get; set; }

    public int Position { get; set; }

    public string Text { get; set; } = "";

    public bool IsExternal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
