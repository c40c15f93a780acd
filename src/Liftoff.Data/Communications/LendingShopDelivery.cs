namespace Liftoff.Data.Communications;

public enum DeliveryStatus
{
    Pending,
    Delivering,
    Delivered,
    Failed,

    /// <summary>No lending-shop URL was configured when the release was marked released.</summary>
    NotConfigured,
}

/// <summary>One lending-shop webhook notification for a released release, with its attempts.</summary>
public class LendingShopDelivery
{
    public int Id { get; set; }

    public int ReleaseId { get; set; }

    public string Url { get; set; } = "";

    public string Body { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public List<LendingShopAttempt> AttemptLog { get; set; } = [];
}

public class LendingShopAttempt
{
    public int Id { get; set; }

    public int DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public long DurationMs { get; set; }
}
