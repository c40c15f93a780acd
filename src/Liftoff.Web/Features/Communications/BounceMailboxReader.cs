using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Reads the bounce mailbox over IMAP. Any instance may run it; a lease in the database lets one at a time
/// read, and each message is recorded in the same transaction that moves the cursor past its UID, only
/// while the lease is still this instance's. Nothing is deleted from the mailbox: what was not understood
/// stays there and is listed. An unreachable mailbox is retried at the next poll.
/// </summary>
public sealed class BounceMailboxReader(
    IServiceScopeFactory scopes, IOptions<BounceOptions> options, TimeProvider clock, ILogger<BounceMailboxReader> logger) : BackgroundService
{
    public const string MailboxName = "bounces";

    public string WorkerId { get; } = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground || !options.Value.ReadsMailbox)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Bounce mailbox pass failed; retrying after the poll interval");
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Reads new messages if this instance gets the lease; returns how many were read, or null when another instance holds it.</summary>
    public async Task<int?> ReadOnceAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (!o.ReadsMailbox || !await ClaimAsync(ct))
        {
            return null;
        }
        var read = 0;
        try
        {
            using var client = new ImapClient { Timeout = 30_000 };
            var security = Enum.TryParse<SecureSocketOptions>(o.ImapSecurity, true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(o.ImapHost!, o.ImapPort, security, ct);
            if (!string.IsNullOrEmpty(o.ImapUsername))
            {
                await client.AuthenticateAsync(o.ImapUsername, o.ImapPassword ?? "", ct);
            }
            var folder = await client.GetFolderAsync(o.ImapFolder, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            var last = await CursorAsync(folder.UidValidity, ct);
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)last + 1), UniqueId.MaxValue)), ct))
                .Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
            foreach (var uid in uids)
            {
                var message = await folder.GetMessageAsync(uid, ct);
                if (!await RecordAsync(message, uid.Id, ct))
                {
                    break; // The lease went to another instance: it continues from the cursor.
                }
                read++;
            }
            await client.DisconnectAsync(true, ct);
            await SetErrorAsync(null, ct);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ImapProtocolException or ImapCommandException
            or AuthenticationException or SslHandshakeException or TimeoutException or FolderNotFoundException or ServiceNotConnectedException)
        {
            logger.LogWarning("Bounce mailbox {Host}:{Port} could not be read: {Error}", o.ImapHost, o.ImapPort, e.Message);
            await SetErrorAsync($"The bounce mailbox could not be read: {e.Message}", CancellationToken.None);
        }
        finally
        {
            await ReleaseAsync();
        }
        return read;
    }

    private async Task<bool> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.MailboxCursors.AnyAsync(c => c.Mailbox == MailboxName, ct))
        {
            db.MailboxCursors.Add(new MailboxCursor { Mailbox = MailboxName });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another instance created it.
            }
        }
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        return await db.MailboxCursors
            .Where(c => c.Mailbox == MailboxName && (c.LeaseOwner == null || c.LeaseOwner == WorkerId || c.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, WorkerId).SetProperty(c => c.LeaseUntil, until), ct) == 1;
    }

    /// <summary>The last UID read; a new UIDVALIDITY (the mailbox was recreated) starts from the beginning.</summary>
    private async Task<long> CursorAsync(uint uidValidity, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cursor = await db.MailboxCursors.AsNoTracking().FirstAsync(c => c.Mailbox == MailboxName, ct);
        if (cursor.UidValidity == uidValidity)
        {
            return cursor.LastUid;
        }
        await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UidValidity, (long)uidValidity).SetProperty(c => c.LastUid, 0L), ct);
        return 0;
    }

    private async Task<bool> RecordAsync(MimeKit.MimeMessage message, long uid, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var recorder = ActivatorUtilities.CreateInstance<BounceRecorder>(scope.ServiceProvider, db);
            var what = await recorder.RecordAsync(message, uid, ct);
            await db.SaveChangesAsync(ct);
            var now = clock.GetUtcNow();
            var until = now + options.Value.Lease;
            var mine = await db.MailboxCursors
                .Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId && c.LeaseUntil >= now && c.LastUid < uid)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastUid, uid).SetProperty(c => c.LeaseUntil, until).SetProperty(c => c.LastCheckedAt, now), ct);
            if (mine != 1)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("Bounce mailbox message {Uid}: {What}", uid, what);
            return true;
        });
    }

    private async Task SetErrorAsync(string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastError, error).SetProperty(c => c.LastCheckedAt, now), ct);
    }

    private async Task ReleaseAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null));
    }
}
