using System.Net.Sockets;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Jobs;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Sends newsletter campaigns through the per-recipient ledger. Each of several parallel connections
/// claims a small batch, marks one recipient in flight before its SMTP transaction and, once the server
/// has accepted it, writes it as sent in the same statement that marks the next recipient in flight
/// (statements of connections that are ready at the same moment are written together). A crash leaves at most one
/// recipient per connection in flight: once its
/// lease expires it is shown as uncertain and the operator decides. Claims that never started are
/// handed out again, so nobody is skipped; several instances share the work through the database.
/// </summary>
public sealed class NewsletterSender(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    NewsletterMessageBuilder builder,
    IOptions<NewsletterOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<NewsletterSender> logger) : PollingJob(clock, logger)
{
    /// <summary>Identifies this instance's claims in the ledger.</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString("N");

    protected override string JobName => "Newsletter";

    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await RunOnceAsync(ct);
        return false;
    }

    /// <summary>Starts campaigns that are due and sends what can be sent now; returns the number of messages
    /// sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        List<NewsletterCampaign> campaigns;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var guard = ActivatorUtilities.CreateInstance<NewsletterStartGuard>(scope.ServiceProvider, Clock);
            await guard.StartDueAsync(ct);
            campaigns = await db.NewsletterCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Sending)
                .OrderBy(c => c.Id).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var campaign in campaigns)
        {
            sent += await SendCampaignAsync(campaign, ct);
        }
        return sent;
    }

    private sealed class RunState
    {
        public int Sent;
        public int ConnectFailures;
        public string? PauseReason;
    }

    private async Task<int> SendCampaignAsync(NewsletterCampaign campaign, CancellationToken ct)
    {
        var o = options.Value;
        var content = new Dictionary<Audience, RenderedContent>
        {
            [Audience.Resellers] = builder.Render(campaign, Audience.Resellers),
            [Audience.Customers] = builder.Render(campaign, Audience.Customers),
        };
        var state = new RunState();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var throttle = new NewsletterThrottle(o.MessagesPerSecond, Clock);
        await using (var ledger = await NewsletterLedger.OpenAsync(database.Value, CancellationToken.None))
        {
            try
            {
                var lanes = Enumerable.Range(0, o.Connections).Select(_ =>
                    Task.Run(() => LaneAsync(ledger, campaign.Id, content, state, throttle, stop),
                        CancellationToken.None));
                await Task.WhenAll(lanes);
            }
            finally
            {
                // Whatever was claimed but not started goes back at once (pause, shutdown).
                await ledger.ReleaseClaimsAsync(campaign.Id, WorkerId, CancellationToken.None);
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (state.PauseReason is { } reason)
        {
            await db.NewsletterCampaigns.Where(c => c.Id == campaign.Id && c.Status == CampaignStatus.Sending)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Paused)
                    .SetProperty(c => c.PauseReason, reason), CancellationToken.None);
            logger.LogWarning("Newsletter {Campaign} paused: {Reason}", campaign.Id, reason);
        }
        else if (!ct.IsCancellationRequested)
        {
            await TryCompleteAsync(scope.ServiceProvider, db, campaign.Id, ct);
        }
        return state.Sent;
    }

    private async Task LaneAsync(NewsletterLedger ledger, int campaignId,
        Dictionary<Audience, RenderedContent> content, RunState state, NewsletterThrottle throttle,
        CancellationTokenSource stop)
    {
        var o = options.Value;
        var token = stop.Token;
        await using var channel = transport.Open();
        // Accepted by the server but not yet written as sent: written together with the next recipient's
        // in-flight mark (one statement), or on the way out. Until then it is this connection's one in flight.
        long? accepted = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var now = Clock.GetUtcNow().UtcTicks;
                var batch = await ledger.ClaimAsync(campaignId, WorkerId, o.BatchSize, now, now + o.Lease.Ticks,
                    CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }
                foreach (var r in batch)
                {
                    if (token.IsCancellationRequested || !await ConnectAsync(channel, state, stop))
                    {
                        return;
                    }
                    await throttle.WaitAsync(token).ConfigureAwait(false);
                    if (token.IsCancellationRequested)
                    {
                        return;
                    }
                    var message = builder.Build(campaignId, r.Id, r.ContactId, r.Email, r.Name, content[r.Audience]);
                    var at = Clock.GetUtcNow().UtcTicks;
                    var mine = await ledger.AdvanceAsync(accepted, r.Id, WorkerId, at, at + o.Lease.Ticks);
                    if (accepted is not null)
                    {
                        accepted = null;
                        Interlocked.Increment(ref state.Sent);
                    }
                    if (mine && await SendOneAsync(ledger, channel, r, message, builder.ReturnPath(r.Id)))
                    {
                        accepted = r.Id;
                    }
                }
            }
        }
        finally
        {
            if (accepted is { } last)
            {
                var at = Clock.GetUtcNow().UtcTicks;
                await ledger.AdvanceAsync(last, null, WorkerId, at, at + o.Lease.Ticks);
                Interlocked.Increment(ref state.Sent);
            }
        }
    }

    private async Task<bool> ConnectAsync(IMailChannel channel, RunState state, CancellationTokenSource stop)
    {
        var o = options.Value;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await channel.EnsureConnectedAsync(stop.Token);
                Interlocked.Exchange(ref state.ConnectFailures, 0);
                return true;
            }
            catch (MailServerUnavailableException e)
            {
                var failures = Interlocked.Increment(ref state.ConnectFailures);
                logger.LogWarning("Newsletter connection attempt {Attempt} failed: {Error}", failures, e.Message);
                if (failures >= o.ConnectAttemptsBeforePause)
                {
                    state.PauseReason ??= $"Paused: {e.Message} Resume when the server is back; nobody is sent twice.";
                    await stop.CancelAsync();
                    return false;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, failures - 1)), Clock, stop.Token)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Runs one SMTP transaction; true when the server accepted (the caller writes it as sent), otherwise the
    /// outcome is written here.</summary>
    private async Task<bool> SendOneAsync(NewsletterLedger ledger, IMailChannel channel, ClaimedRecipient r,
        MimeKit.MimeMessage message, MimeKit.MailboxAddress? returnPath)
    {
        var o = options.Value;
        try
        {
            // Not cancellable: once the transaction starts it runs to the server's answer.
            await channel.SendAsync(message, returnPath, CancellationToken.None);
        }
        catch (SmtpCommandException e)
        {
            // The server answered and refused: the message was certainly not accepted.
            var code = (int)e.StatusCode;
            var transient = code is >= 400 and < 500;
            var attempts = await AttemptsAsync(r.Id);
            var retry = transient && attempts < o.MaxAttempts;
            var next = Clock.GetUtcNow() + TimeSpan.FromTicks((long)(
                o.RetryDelay.Ticks * Math.Pow(2, Math.Max(0, attempts - 1))));
            await ledger.MarkRefusedAsync(r.Id, WorkerId, retry, next.UtcTicks, $"{code} {e.Message}",
                CancellationToken.None);
            return false;
        }
        catch (Exception e) when (
            e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
            or TimeoutException or OperationCanceledException)
        {
            // The connection broke mid-transaction: the server may or may not have kept the message.
            await ledger.MarkUncertainAsync(r.Id, WorkerId, e.Message, CancellationToken.None);
            logger.LogWarning("Newsletter message to recipient {Recipient} is uncertain: {Error}", r.Id, e.Message);
            return false;
        }
        return true;
    }

    private async Task<int> AttemptsAsync(long id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.NewsletterRecipients.Where(x => x.Id == id).Select(x => x.Attempts).FirstAsync();
    }

    /// <summary>A campaign is complete when nothing is waiting, claimed or still legitimately in flight.</summary>
    private async Task TryCompleteAsync(IServiceProvider sp, AppDbContext db, int campaignId, CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcTicks;
        var open = await db.NewsletterRecipients.AnyAsync(r => r.CampaignId == campaignId &&
            (r.Status == RecipientStatus.Pending || r.Status == RecipientStatus.Claimed
                || (r.Status == RecipientStatus.InFlight && r.LeaseUntil >= now)), ct);
        if (open)
        {
            return;
        }
        if (!await db.NewsletterRecipients.AnyAsync(r => r.CampaignId == campaignId &&
            (r.Status == RecipientStatus.Sent || r.Status == RecipientStatus.MarkedDone), ct))
        {
            // Nobody received it: it must not pass for a sent newsletter nor complete the release's task.
            await db.NewsletterCampaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Sending)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Paused)
                    .SetProperty(c => c.PauseReason, NobodyReceived), ct);
            return;
        }
        var completedAt = Clock.GetUtcNow();
        var won = await db.NewsletterCampaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Completed)
                .SetProperty(c => c.CompletedAt, completedAt), ct);
        if (won == 1)
        {
            var releaseId = await db.NewsletterCampaigns.Where(c => c.Id == campaignId).Select(c => c.ReleaseId)
                .FirstAsync(ct);
            if (releaseId is { } id)
            {
                await sp.GetRequiredService<PlanTaskCompletion>()
                    .CompleteAsync(id, DefaultPlaybook.Newsletter, null, $"newsletter {campaignId} sent", ct);
                await db.SaveChangesAsync(ct);
            }
            logger.LogInformation("Newsletter {Campaign} completed", campaignId);
        }
    }

    private const string NobodyReceived = "Nobody received this newsletter: every recipient failed or unsubscribed. " +
        "Retry the failed recipients, or create a new newsletter.";
}
