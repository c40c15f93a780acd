using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Turns one message of the bounce mailbox into delivery events and suppressions, or lists it as not
/// understood. Writes in the caller's unit of work (the reader commits it with its cursor).
/// </summary>
public sealed class BounceRecorder(AppDbContext db, BounceParser parser, IOptions<BounceOptions> options,
    TimeProvider clock)
{
    /// <summary>Whether the last message recorded was listed as not understood.</summary>
    public bool Listed { get; private set; }

    /// <summary>Returns what was recorded, in words for the log.</summary>
    public async Task<string> RecordAsync(MimeMessage message, long uid, CancellationToken ct)
    {
        BounceReport report;
        try
        {
            report = parser.Parse(message);
        }
        catch (Exception e) when (
            e is FormatException or ParseException or InvalidOperationException or ArgumentException)
        {
            return Unparsed(message, uid, $"Could not be read: {e.Message}");
        }
        if (report.Kind == BounceReportKind.Unknown)
        {
            return Unparsed(message, uid, report.Reason!);
        }
        if (report.Token is null)
        {
            return Unparsed(message, uid,
                "No valid return-path token: forged, or not about a message Liftoff sent. Nothing was suppressed.");
        }
        var now = clock.GetUtcNow();
        if (report.Kind == BounceReportKind.Unsubscribe)
        {
            var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == report.Token.Id, ct);
            if (contact is null)
            {
                return Unparsed(message, uid, "An unsubscribe mail for a contact that no longer exists.");
            }
            if (contact.UnsubscribedAt is null)
            {
                contact.UnsubscribedAt = now;
                db.AuditEntries.Add(new Data.Platform.AuditEntry
                {
                    At = now,
                    Action = "contact.unsubscribed",
                    TargetType = "Contact",
                    TargetId = contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Details = "unsubscribe by email",
                    ActorName = contact.Email,
                });
            }
            Add(DeliveryEventKind.Unsubscribe, contact.NormalizedEmail, null, null, null, null, "unsubscribe mail",
                message);
            await db.SaveChangesAsync(ct);
            await db.NewsletterRecipients.Where(r => r.ContactId == contact.Id && (r.Status == RecipientStatus.Pending
                    || r.Status == RecipientStatus.Claimed))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.Skipped), ct);
            return $"unsubscribed {contact.NormalizedEmail}";
        }
        var (email, campaignId, recipientId, outboxId) = await SubjectAsync(report.Token, ct);
        if (email is null)
        {
            return Unparsed(message, uid,
                "A return-path token for a message that is not (or no longer) in the database.");
        }
        var recorded = new List<string>();
        foreach (var line in report.Recipients)
        {
            var kind = report.Kind == BounceReportKind.Complaint ? DeliveryEventKind.Complaint
                : line.IsHard ? DeliveryEventKind.HardBounce
                : line.IsSoft ? DeliveryEventKind.SoftBounce
                : null;
            if (kind is null)
            {
                continue; // "delivered", "relayed", "expanded": not a problem.
            }
            var ev = Add(kind, email, campaignId, recipientId, outboxId, line.Status, line.Diagnostic, message);
            await db.SaveChangesAsync(ct);
            recorded.Add($"{kind} {email}");
            var reason = kind switch
            {
                DeliveryEventKind.HardBounce => SuppressionReason.HardBounce,
                DeliveryEventKind.Complaint => SuppressionReason.Complaint,
                _ => await TooManySoftAsync(email, now, ct) ? SuppressionReason.SoftBounces : null,
            };
            if (reason is not null &&
                await SuppressionList.SuppressAsync(db, email, reason, $"{line.Status} {line.Diagnostic}".Trim(),
                    ev.Id, now, ct))
            {
                await db.SaveChangesAsync(ct);
                await SuppressionList.SkipWaitingAsync(db, email, ct);
                recorded.Add($"suppressed {email}");
            }
        }
        return recorded.Count == 0 ? "nothing to record" : string.Join(", ", recorded);
    }

    private async Task<bool> TooManySoftAsync(string email, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - options.Value.SoftBounceWindow;
        var count = await db.DeliveryEvents.CountAsync(e => e.Email == email && e.Kind == DeliveryEventKind.SoftBounce
            && e.ReceivedAt >= since, ct);
        return count >= options.Value.SoftBounceLimit;
    }

    private async Task<(string? Email, int? CampaignId, long? RecipientId, long? OutboxId)> SubjectAsync(
        ReturnPathToken token, CancellationToken ct)
    {
        if (token.Kind == ReturnPathKind.NewsletterRecipient)
        {
            var r = await db.NewsletterRecipients.AsNoTracking().Where(x => x.Id == token.Id)
                .Select(x => new { x.Email, x.CampaignId }).FirstOrDefaultAsync(ct);
            return r is null ? default : (r.Email, r.CampaignId, token.Id, null);
        }
        var m = await db.Outbox.AsNoTracking().Where(x => x.Id == token.Id).Select(x => x.ToAddress)
            .FirstOrDefaultAsync(ct);
        return m is null ? default : (EmailAddresses.Normalise(m), null, null, token.Id);
    }

    private DeliveryEvent Add(string kind, string email, int? campaignId, long? recipientId, long? outboxId,
        string? status, string? detail, MimeMessage message)
    {
        var ev = new DeliveryEvent
        {
            ReceivedAt = clock.GetUtcNow(),
            Kind = kind,
            Email = email,
            CampaignId = campaignId,
            RecipientId = recipientId,
            OutboxMessageId = outboxId,
            Status = Cut(status, 100),
            Detail = Cut(detail, 1000),
            ReportMessageId = Cut(message.MessageId, 500),
        };
        db.DeliveryEvents.Add(ev);
        return ev;
    }

    private string Unparsed(MimeMessage message, long uid, string reason)
    {
        Listed = true;
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 4000));
        db.UnparsedMailMessages.Add(new UnparsedMailMessage
        {
            ReceivedAt = clock.GetUtcNow(),
            Uid = uid,
            MessageId = Cut(message.MessageId, 500),
            From = Cut(message.From.ToString(), 500),
            Subject = Cut(message.Subject, 500),
            Reason = Cut(reason, 500)!,
            Excerpt = text,
        });
        return $"listed as not understood: {reason}";
    }

    private static string? Cut(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;
}
