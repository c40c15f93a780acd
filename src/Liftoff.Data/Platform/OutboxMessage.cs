namespace Liftoff.Data.Platform;

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
}

/// <summary>An email waiting to be sent, or the record that it was. Written in the same transaction as the change that
/// caused it.</summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string ToAddress { get; set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    /// <summary>What caused the message, e.g. "reminder", "alert".</summary>
    public string Kind { get; set; } = "";

    /// <summary>Optional unique key so the same notice is never queued twice (e.g. "reminder:task:42:due").</summary>
    public string? DeduplicationKey { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}
