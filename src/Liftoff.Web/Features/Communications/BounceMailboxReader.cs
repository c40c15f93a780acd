using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Jobs;
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
/// while the lease is still this instance's. Then the message is moved out of the inbox: to the processed
/// folder, or to the unparsed folder when it was not understood (it is listed too). Nothing is deleted. A
/// message still in the inbox that was already recorded (the process stopped between recording and moving:
/// its UID is at or below the cursor, or its Message-ID is already on record) is moved without being
/// recorded again. An unreachable mailbox is retried at the next poll.
/// </summary>
public sealed class BounceMailboxReader(
    IServiceScopeFactory scopes, IOptions<BounceOptions> options, TimeProvider clock,
        ILogger<BounceMailboxReader> logger)
    : PollingJob(clock, logger)
{
    public const string MailboxName = "bounces";

    public string WorkerId { get; } = Guid.NewGuid().ToString("N");

    protected override string JobName => "Bounce mailbox";

    protected override bool Enabled => options.Value.RunInBackground && options.Value.ReadsMailbox;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await ReadOnceAsync(ct);
        return false;
    }

    /// <summary>Reads new messages if this instance gets the lease; returns how many were read, or null when another
    /// instance holds it.</summary>
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
            var security = Enum.TryParse<SecureSocketOptions>(o.ImapSecurity, true, out var s) ? s
                : SecureSocketOptions.Auto;
            await client.ConnectAsync(o.ImapHost!, o.ImapPort, security, ct);
            if (!string.IsNullOrEmpty(o.ImapUsername))
            {
                await client.AuthenticateAsync(o.ImapUsername, o.ImapPassword ?? "", ct);
            }
            var folder = await client.GetFolderAsync(o.ImapFolder, ct);
            var processed = await FolderAsync(client, o.ProcessedFolder, ct);
            var unparsed = await FolderAsync(client, o.UnparsedFolder, ct);
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            var last = await CursorAsync(folder.UidValidity, ct);
            var uids = (await folder.SearchAsync(SearchQuery.All, ct)).OrderBy(u => u.Id).ToList();
            foreach (var uid in uids)
            {
                var message = await folder.GetMessageAsync(uid, ct);
                var outcome = await RecordAsync(message, uid.Id, uid.Id <= last, ct);
                if (outcome == Outcome.LeaseLost)
                {
                    break; // Another instance has the mailbox now: it continues from the cursor.
                }
                await folder.MoveToAsync(uid, outcome == Outcome.Understood ? processed : unparsed, ct);
                read++;
            }
            await client.DisconnectAsync(true, ct);
            await SetErrorAsync(null, ct);
        }
        catch (Exception e) when (
            e is IOException or System.Net.Sockets.SocketException or ImapProtocolException or ImapCommandException
            or AuthenticationException or SslHandshakeException or TimeoutException or FolderNotFoundException
            or ServiceNotConnectedException)
        {
            logger.LogWarning("Bounce mailbox {Host}:{Port} could not be read: {Error}", o.ImapHost, o.ImapPort,
                e.Message);
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
        var now = Clock.GetUtcNow();
        var until = now + options.Value.Lease;
        return await db.MailboxCursors.Where(c => c.Mailbox == MailboxName
            && (c.LeaseOwner == null || c.LeaseOwner == WorkerId
                || c.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, WorkerId).SetProperty(c => c.LeaseUntil, until),
                ct) == 1;
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
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UidValidity, (long)uidValidity)
                .SetProperty(c => c.LastUid, 0L), ct);
        return 0;
    }

    private enum Outcome
    {
        Understood,
        NotUnderstood,
        LeaseLost,
    }

    /// <summary>The folder under the personal namespace (e.g. "Processed"), created when missing.</summary>
    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        var root = client.PersonalNamespaces.Count > 0
            ? await client.GetFolderAsync(client.PersonalNamespaces[0].Path, ct)
            : client.Inbox;
        try
        {
            return await root.GetSubfolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            try
            {
                return await root.CreateAsync(name, true, ct)
                    ?? throw new FolderNotFoundException(name);
            }
            catch (ImapCommandException)
            {
                return await root.GetSubfolderAsync(name, ct); // Created meanwhile by another reader.
            }
        }
    }

    /// <summary>
    /// Records the message and moves the cursor past it in one transaction; a message recorded before
    /// (at or below the cursor, or with a Message-ID already on record) is not recorded again, only
    /// looked up to know which folder it belongs in.
    /// </summary>
    private async Task<Outcome> RecordAsync(
        MimeKit.MimeMessage message, long uid, bool belowCursor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var messageId = message.MessageId is { Length: > 0 and <= 500 } id ? id : null;
        if (belowCursor)
        {
            return await ListedAsync(db, uid, messageId, ct) ? Outcome.NotUnderstood : Outcome.Understood;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            string what;
            bool understood;
            if (messageId is not null && (await db.DeliveryEvents.AnyAsync(e => e.ReportMessageId == messageId, ct)
                || await db.UnparsedMailMessages.AnyAsync(m => m.MessageId == messageId, ct)))
            {
                understood = !await db.UnparsedMailMessages.AnyAsync(m => m.MessageId == messageId, ct);
                what = "already recorded (same Message-ID); not recorded again";
            }
            else
            {
                var recorder = ActivatorUtilities.CreateInstance<BounceRecorder>(scope.ServiceProvider, db);
                what = await recorder.RecordAsync(message, uid, ct);
                understood = !recorder.Listed;
                await db.SaveChangesAsync(ct);
            }
            var now = Clock.GetUtcNow();
            var until = now + options.Value.Lease;
            var mine = await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId
                && c.LeaseUntil >= now
                    && c.LastUid < uid)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastUid, uid).SetProperty(c => c.LeaseUntil, until)
                    .SetProperty(c => c.LastCheckedAt, now), ct);
            if (mine != 1)
            {
                await tx.RollbackAsync(ct);
                return Outcome.LeaseLost;
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("Bounce mailbox message {Uid}: {What}", uid, what);
            return understood ? Outcome.Understood : Outcome.NotUnderstood;
        });
    }

    /// <summary>Whether the message was listed as not understood when it was recorded.</summary>
    private static Task<bool> ListedAsync(AppDbContext db, long uid, string? messageId, CancellationToken ct) =>
        messageId is null
            ? db.UnparsedMailMessages.AnyAsync(m => m.Uid == uid && m.MessageId == null, ct)
            : db.UnparsedMailMessages.AnyAsync(m => m.MessageId == messageId, ct);

    private async Task SetErrorAsync(string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastError, error).SetProperty(c => c.LastCheckedAt, now), ct);
    }

    private async Task ReleaseAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MailboxCursors.Where(c => c.Mailbox == MailboxName && c.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, (string?)null)
                .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null));
    }
}
