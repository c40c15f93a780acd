namespace Liftoff.Data.ReleaseNotes;

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
