namespace Liftoff.Data.Platform;

/// <summary>One line of the append-only audit log.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string? ActorUserId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>Dotted action name, e.g. "user.sign-in.failed", "team.lead.changed".</summary>
    public string Action { get; set; } = "";

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public string Details { get; set; } = "";

    public string? IpAddress { get; set; }
}
