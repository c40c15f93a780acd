namespace Liftoff.Data.Communications;

public enum CampaignStatus
{
    Draft,
    Scheduled,
    Sending,
    Paused,
    Completed,
}

/// <summary>Which audiences a newsletter goes to.</summary>
public enum CampaignAudience
{
    Both,
    Resellers,
    Customers,
}

/// <summary>A newsletter: per-audience Markdown content, sent once per recipient through the ledger.</summary>
public class NewsletterCampaign
{
    public int Id { get; set; }

    public int? ReleaseId { get; set; }

    public string Subject { get; set; } = "";

    public CampaignAudience Audience { get; set; }

    public string ResellerMarkdown { get; set; } = "";

    public string CustomerMarkdown { get; set; } = "";

    public CampaignStatus Status { get; set; }

    /// <summary>When sending starts; set when the campaign is scheduled or sent now.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>Why the campaign is paused (e.g. the SMTP server is unreachable), shown on its page.</summary>
    public string? PauseReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>The state of one recipient of one campaign in the send ledger.</summary>
public static class RecipientStatus
{
    /// <summary>Waiting to be sent (or to be retried after a transient failure).</summary>
    public const string Pending = "Pending";

    /// <summary>Taken by a sender instance; not yet handed to SMTP. Safe to hand out again when its lease
    /// expires.</summary>
    public const string Claimed = "Claimed";

    /// <summary>Its SMTP transaction has started. Once the lease expires, nobody knows whether it arrived:
    /// uncertain.</summary>
    public const string InFlight = "InFlight";

    public const string Sent = "Sent";

    /// <summary>Permanently refused by the server, or out of attempts; retryable from the campaign page.</summary>
    public const string Failed = "Failed";

    /// <summary>Unsubscribed after the campaign was scheduled.</summary>
    public const string Skipped = "Skipped";

    /// <summary>Was uncertain; the operator decided not to resend.</summary>
    public const string MarkedDone = "MarkedDone";

    /// <summary>On the suppression list when the campaign was scheduled, or put there before its turn came.</summary>
    public const string Suppressed = "Suppressed";
}

/// <summary>
/// One row per campaign and recipient (unique): the send ledger. Times are UTC ticks so the hot path
/// can use the same SQL on SQLite and PostgreSQL.
/// </summary>
public class NewsletterRecipient
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public int ContactId { get; set; }

    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public Audience Audience { get; set; }

    public string Status { get; set; } = RecipientStatus.Pending;

    public int Attempts { get; set; }

    public long NextAttemptAt { get; set; }

    public long LeaseUntil { get; set; }

    public string? ClaimedBy { get; set; }

    public long? SentAt { get; set; }

    public string? LastError { get; set; }
}
