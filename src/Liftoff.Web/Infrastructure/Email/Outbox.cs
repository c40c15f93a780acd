using Liftoff.Data;
using Liftoff.Data.Platform;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Email;

public sealed record OutgoingEmail(string ToAddress, string? ToName, string Subject, string TextBody,
    string? HtmlBody = null);

/// <summary>Queues email in the caller's unit of work; the background sender delivers it.</summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Adds the message unless one with the same deduplication key was ever queued (in the database or
    /// in this unit of work). Returns false when it was a duplicate.
    /// </summary>
    public async Task<bool> EnqueueAsync(OutgoingEmail email, string kind, string? deduplicationKey = null,
        CancellationToken ct = default)
    {
        if (deduplicationKey is not null &&
            (db.Outbox.Local.Any(m => m.DeduplicationKey == deduplicationKey) ||
             await db.Outbox.AnyAsync(m => m.DeduplicationKey == deduplicationKey, ct)))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessage
        {
            CreatedAt = now,
            NextAttemptAt = now,
            ToAddress = email.ToAddress,
            ToName = email.ToName,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Kind = kind,
            DeduplicationKey = deduplicationKey,
            Status = OutboxStatus.Pending,
        });
        return true;
    }
}
