namespace Liftoff.Data.Communications;

/// <summary>Why an address is on the suppression list.</summary>
public static class SuppressionReason
{
    public const string Manual = "Manual";

    public const string HardBounce = "HardBounce";

    public const string Complaint = "Complaint";

    /// <summary>Too many soft bounces within the configured window.</summary>
    public const string SoftBounces = "SoftBounces";
}

/// <summary>An address no newsletter is sent to (transactional email to staff is not affected).</summary>
public class SuppressedAddress
{
    public int Id { get; set; }

    /// <summary>Lower-cased address; unique.</summary>
    public string Email { get; set; } = "";

    public string Reason { get; set; } = SuppressionReason.Manual;

    /// <summary>The operator's note, or the bounce or complaint that caused it.</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user who added it by hand; null when a bounce or complaint added it.</summary>
    public string? CreatedBy { get; set; }

    public long? DeliveryEventId { get; set; }
}

/// <summary>What a message in the bounce mailbox said about one recipient.</summary>
public static class DeliveryEventKind
{
    public const string HardBounce = "HardBounce";

    public const string SoftBounce = "SoftBounce";

    public const string Complaint = "Complaint";

    public const string Unsubscribe = "Unsubscribe";
}

/// <summary>
/// A bounce, complaint or unsubscribe mail read from the bounce mailbox, with the message that caused it
/// (a newsletter recipient or an outbox message).
/// </summary>
public class DeliveryEvent
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>Lower-cased address of the recipient concerned.</summary>
    public string Email { get; set; } = "";

    public int? CampaignId { get; set; }

    public long? RecipientId { get; set; }

    public long? OutboxMessageId { get; set; }

    /// <summary>RFC 3463 status such as 5.1.1, or the feedback type of a complaint.</summary>
    public string? Status { get; set; }

    public string? Detail { get; set; }

    /// <summary>Message-ID of the report in the mailbox.</summary>
    public string? ReportMessageId { get; set; }
}

/// <summary>A message in the bounce mailbox that was not understood: kept there and listed here, never
/// deleted.</summary>
public class UnparsedMailMessage
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public long Uid { get; set; }

    public string? MessageId { get; set; }

    public string? From { get; set; }

    public string? Subject { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The start of the message as received, for the operator to judge.</summary>
    public string Excerpt { get; set; } = "";
}

/// <summary>
/// Where the bounce mailbox reader stands (last IMAP UID read under the mailbox's UIDVALIDITY), and which
/// instance holds the lease to read it: one reader at a time across all instances.
/// </summary>
public class MailboxCursor
{
    public string Mailbox { get; set; } = "";

    public long UidValidity { get; set; }

    public long LastUid { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    /// <summary>Why the last attempt failed (e.g. the mailbox was unreachable); null after a good pass.</summary>
    public string? LastError { get; set; }
}
