namespace Liftoff.Data.Rollout;

/// <summary>A remark on a rollout task.</summary>
public class RolloutTaskComment
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    public string? AuthorUserId { get; set; }

    public string AuthorName { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A link showing that a task was done (a KB article, a sent newsletter, a ticket).</summary>
public class RolloutTaskEvidence
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    public string Url { get; set; } = "";

    public string Note { get; set; } = "";

    public string? AddedByUserId { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

public enum CalendarFeedScope
{
    User,
    Team,
    Release,
}

/// <summary>
/// A secret calendar-feed address. Only the SHA-256 of the token is stored; the owner sees the
/// token once and may revoke it.
/// </summary>
public class CalendarFeedToken
{
    public int Id { get; set; }

    public string TokenHash { get; set; } = "";

    public CalendarFeedScope Scope { get; set; }

    /// <summary>User id, team key or release id, depending on <see cref="Scope"/>.</summary>
    public string Target { get; set; } = "";

    public string OwnerUserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
