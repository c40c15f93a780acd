using Liftoff.Data;
using Liftoff.Data.Platform;
using Liftoff.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>
/// Delivers queued email. Safe with several instances: a message is claimed by a conditional update
/// that only one instance can win, and a claim expires if its instance dies mid-send.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IEmailTransport transport, IOptions<EmailOptions> options, DkimSigning dkim,
        ReturnPaths returnPaths,
    TimeProvider clock, ILogger<OutboxSender> logger)
    : PollingJob(clock, logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override string JobName => "Outbox";

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await ProcessDueAsync(ct);
        return false;
    }

    /// <summary>Sends every message that is due now; returns how many were sent.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                || (m.Status == OutboxStatus.Sending && m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var id in candidates)
        {
            var until = Clock.GetUtcNow() + Lease;
            var claimed = await db.Outbox.Where(m => m.Id == id
                && ((m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                    || (m.Status == OutboxStatus.Sending && m.ClaimedUntil < now)))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedUntil, until), ct);
            if (claimed == 1 && await SendAsync(db, id, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> SendAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var message = await db.Outbox.FirstAsync(m => m.Id == id, ct);
        try
        {
            await transport.SendAsync(ToMime(message), returnPaths.For(ReturnPathKind.OutboxMessage, message.Id), ct);
            message.Status = OutboxStatus.Sent;
            message.SentAt = Clock.GetUtcNow();
            message.LastError = null;
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            var giveUp = message.Attempts >= options.Value.MaxAttempts;
            message.Status = giveUp ? OutboxStatus.Failed : OutboxStatus.Pending;
            // Exponential backoff: 30 s, 1 min, 2 min, ...
            message.NextAttemptAt = Clock.GetUtcNow() + TimeSpan.FromSeconds(30 * Math.Pow(2, message.Attempts - 1));
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Email {Id} to {To} failed (attempt {Attempt}): {Error}", id, message.ToAddress,
                message.Attempts, message.LastError);
            return false;
        }
    }

    private MimeMessage ToMime(OutboxMessage m)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(m.ToName ?? "", m.ToAddress));
        mime.Subject = m.Subject;
        mime.MessageId = $"outbox-{m.Id}-{m.CreatedAt.UtcTicks}@liftoff";
        mime.Date = Clock.GetUtcNow();
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        mime.Body = body.ToMessageBody();
        dkim.Sign(mime);
        return mime;
    }
}
