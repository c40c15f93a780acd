using System.Data.Common;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liftoff.Web.Features.Communications;

public sealed record ClaimedRecipient(long Id, int ContactId, string Email, string Name, Audience Audience);

/// <summary>
/// The hot path of the send ledger in plain SQL on its own connection (the same statements on SQLite
/// and PostgreSQL; times are UTC ticks). Every state change is conditional on the row still being
/// this worker's, so an instance that lost its lease cannot overwrite what another instance did.
/// </summary>
internal sealed class NewsletterLedger : IAsyncDisposable
{
    // SQLite has one writer at a time; inside one process, lanes queue here instead of spinning on SQLITE_BUSY.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    private const string Table = "\"NewsletterRecipients\"";
    private readonly DbConnection _connection;
    private readonly bool _postgres;

    private NewsletterLedger(DbConnection connection, bool postgres)
    {
        _connection = connection;
        _postgres = postgres;
    }

    public static async Task<NewsletterLedger> OpenAsync(DatabaseOptions options, CancellationToken ct)
    {
        var postgres = options.Provider == DatabaseProvider.Postgres;
        DbConnection connection = postgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        var ledger = new NewsletterLedger(connection, postgres);
        if (!postgres)
        {
            // WAL lets readers (the progress page) run beside the writer; NORMAL keeps commits durable
            // against a process crash, which is what the ledger must survive.
            await ledger.ExecAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;", ct);
        }
        return ledger;
    }

    public async Task<List<ClaimedRecipient>> ClaimAsync(int campaignId, string worker, int take, long now, long leaseUntil, CancellationToken ct)
    {
        // Two index range scans on (CampaignId, Status, Id), each stopping after @take rows: claims whose
        // lease ran out first, then waiting recipients. One scan with an OR of both states reads and sorts
        // every remaining recipient of the campaign for each batch.
        var skipLocked = _postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE {Table} SET "Status" = 'Claimed', "LeaseUntil" = @lease, "ClaimedBy" = @worker
            WHERE "Id" IN (
                SELECT "Id" FROM (
                    SELECT "Id" FROM {Table} WHERE "CampaignId" = @campaign AND "Status" = 'Claimed' AND "LeaseUntil" < @now
                    ORDER BY "Id" LIMIT @take{skipLocked}) expired
                UNION ALL
                SELECT "Id" FROM (
                    SELECT "Id" FROM {Table} WHERE "CampaignId" = @campaign AND "Status" = 'Pending' AND "NextAttemptAt" <= @now
                    ORDER BY "Id" LIMIT @take{skipLocked}) waiting
                LIMIT @take)
            RETURNING "Id", "ContactId", "Email", "Name", "Audience"
            """;
        return await LockedAsync(async () =>
        {
            await using var cmd = Command(sql, ("lease", leaseUntil), ("worker", worker), ("campaign", campaignId), ("now", now), ("take", take));
            var list = new List<ClaimedRecipient>(take);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                list.Add(new ClaimedRecipient(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    Enum.Parse<Audience>(reader.GetString(4))));
            }
            list.Sort((a, b) => a.Id.CompareTo(b.Id));
            return list;
        });
    }

    /// <summary>Written before the SMTP transaction starts; false when the row is no longer this worker's.</summary>
    public async Task<bool> MarkInFlightAsync(long id, string worker, long leaseUntil, CancellationToken ct) =>
        await ExecAsync($"""UPDATE {Table} SET "Status" = 'InFlight', "LeaseUntil" = @lease, "Attempts" = "Attempts" + 1 WHERE "Id" = @id AND "Status" = 'Claimed' AND "ClaimedBy" = @worker""",
            ct, ("lease", leaseUntil), ("id", id), ("worker", worker)) == 1;

    /// <summary>
    /// One statement for the two writes between consecutive messages of a connection: the previous
    /// recipient sent (the server accepted it) and the next one in flight (its transaction starts next).
    /// Atomic, so a connection never has more than one recipient in flight. Returns whether the next
    /// recipient is still this worker's and now in flight.
    /// </summary>
    public async Task<bool> MarkSentThenInFlightAsync(long sentId, long nextId, string worker, long now, long leaseUntil, CancellationToken ct)
    {
        var sql = $"""
            UPDATE {Table} SET
              "Status" = CASE WHEN "Id" = @sent THEN 'Sent' ELSE 'InFlight' END,
              "SentAt" = CASE WHEN "Id" = @sent THEN @now ELSE "SentAt" END,
              "LastError" = CASE WHEN "Id" = @sent THEN NULL ELSE "LastError" END,
              "LeaseUntil" = CASE WHEN "Id" = @sent THEN "LeaseUntil" ELSE @lease END,
              "Attempts" = CASE WHEN "Id" = @sent THEN "Attempts" ELSE "Attempts" + 1 END
            WHERE "ClaimedBy" = @worker AND (("Id" = @sent AND "Status" = 'InFlight') OR ("Id" = @next AND "Status" = 'Claimed'))
            RETURNING "Id"
            """;
        return await LockedAsync(async () =>
        {
            await using var cmd = Command(sql, ("sent", sentId), ("next", nextId), ("worker", worker), ("now", now), ("lease", leaseUntil));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var next = false;
            while (await reader.ReadAsync(ct))
            {
                next |= reader.GetInt64(0) == nextId;
            }
            return next;
        });
    }

    /// <summary>Written right after the server accepted the message.</summary>
    public Task<int> MarkSentAsync(long id, string worker, long now, CancellationToken ct) =>
        ExecAsync($"""UPDATE {Table} SET "Status" = 'Sent', "SentAt" = @now, "LastError" = NULL WHERE "Id" = @id AND "Status" = 'InFlight' AND "ClaimedBy" = @worker""",
            ct, ("now", now), ("id", id), ("worker", worker));

    /// <summary>The server refused the message: retry later (Pending) or give up (Failed).</summary>
    public Task<int> MarkRefusedAsync(long id, string worker, bool retry, long nextAttemptAt, string error, CancellationToken ct) =>
        ExecAsync($"""UPDATE {Table} SET "Status" = @status, "NextAttemptAt" = @next, "LastError" = @error, "ClaimedBy" = NULL WHERE "Id" = @id AND "Status" = 'InFlight' AND "ClaimedBy" = @worker""",
            ct, ("status", retry ? RecipientStatus.Pending : RecipientStatus.Failed), ("next", nextAttemptAt), ("error", Truncate(error)), ("id", id), ("worker", worker));

    /// <summary>The connection broke during the transaction: the message may have arrived. Shown as uncertain at once.</summary>
    public Task<int> MarkUncertainAsync(long id, string worker, string error, CancellationToken ct) =>
        ExecAsync($"""UPDATE {Table} SET "LeaseUntil" = 0, "LastError" = @error WHERE "Id" = @id AND "Status" = 'InFlight' AND "ClaimedBy" = @worker""",
            ct, ("error", Truncate(error)), ("id", id), ("worker", worker));

    /// <summary>Hands back every claimed but not started recipient of this worker (pause, shutdown).</summary>
    public Task<int> ReleaseClaimsAsync(int campaignId, string worker, CancellationToken ct) =>
        ExecAsync($"""UPDATE {Table} SET "Status" = 'Pending', "ClaimedBy" = NULL WHERE "CampaignId" = @campaign AND "Status" = 'Claimed' AND "ClaimedBy" = @worker""",
            ct, ("campaign", campaignId), ("worker", worker));

    private async Task<int> ExecAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await LockedAsync(async () =>
        {
            await using var cmd = Command(sql, parameters);
            return await cmd.ExecuteNonQueryAsync(ct);
        });

    private async Task<T> LockedAsync<T>(Func<Task<T>> action)
    {
        if (_postgres)
        {
            return await action();
        }
        await SqliteWriter.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            SqliteWriter.Release();
        }
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static string Truncate(string s) => s.Length > 1000 ? s[..1000] : s;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
