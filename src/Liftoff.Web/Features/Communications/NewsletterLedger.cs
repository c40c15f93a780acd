using System.Data.Common;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liftoff.Web.Features.Communications;

public sealed record ClaimedRecipient(long Id, int ContactId, string Email, string Name, Audience Audience);

/// <summary>
/// The hot path of the send ledger in plain SQL on one connection shared by all connections (lanes) of a
/// campaign run in this process (the same statements on SQLite and PostgreSQL; times are UTC ticks).
/// Plain ADO.NET on purpose: at over a thousand messages a second, a tracked context per step costs more
/// than the step, and one prepared command per step keeps each change to a single round trip.
/// Every state change is conditional on the row still being this worker's, so an instance that lost its
/// lease cannot overwrite what another instance did.
/// </summary>
internal sealed class NewsletterLedger : IAsyncDisposable
{
    // SQLite has one writer at a time: inside one process, ledgers queue here instead of spinning on SQLITE_BUSY.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    private const string Table = "\"NewsletterRecipients\"";
    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private readonly SemaphoreSlim _gate;
    private readonly List<Step> _waiting = [];
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    private NewsletterLedger(DbConnection connection, bool postgres)
    {
        _connection = connection;
        _postgres = postgres;
        _gate = postgres ? new SemaphoreSlim(1, 1) : SqliteWriter;
    }

    public static async Task<NewsletterLedger> OpenAsync(DatabaseOptions options, CancellationToken ct)
    {
        var postgres = options.Provider == DatabaseProvider.Postgres;
        DbConnection connection = postgres ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(ct);
        var ledger = new NewsletterLedger(connection, postgres);
        if (!postgres)
        {
            // WAL lets readers (the progress page) run beside the writer; NORMAL keeps commits durable
            // against a process crash, which is what the ledger must survive.
            await ledger.ExecAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
                ct);
        }
        return ledger;
    }

    public async Task<List<ClaimedRecipient>> ClaimAsync(int campaignId, string worker, int take, long now,
        long leaseUntil, CancellationToken ct)
    {
        // Two index range scans on (CampaignId, Status, Id), each stopping after @take rows: claims whose
        // lease ran out first, then waiting recipients. One scan with an OR of both states reads and sorts
        // every remaining recipient of the campaign for each batch.
        var skipLocked = _postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE {Table} SET "Status" = 'Claimed', "LeaseUntil" = @lease, "ClaimedBy" = @worker
            WHERE "Id" IN (
                SELECT "Id" FROM (
                    SELECT "Id" FROM {Table}
                    WHERE "CampaignId" = @campaign AND "Status" = 'Claimed' AND "LeaseUntil" < @now
                    ORDER BY "Id" LIMIT @take{skipLocked}) expired
                UNION ALL
                SELECT "Id" FROM (
                    SELECT "Id" FROM {Table}
                    WHERE "CampaignId" = @campaign AND "Status" = 'Pending' AND "NextAttemptAt" <= @now
                    ORDER BY "Id" LIMIT @take{skipLocked}) waiting
                LIMIT @take)
            RETURNING "Id", "ContactId", "Email", "Name", "Audience"
            """;
        return await LockedAsync(async () =>
        {
            var cmd = Command(sql, ("lease", leaseUntil), ("worker", worker), ("campaign", campaignId), ("now", now),
                ("take", take));
            var list = new List<ClaimedRecipient>(take);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                list.Add(new ClaimedRecipient(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2),
                    reader.GetString(3),
                    Enum.Parse<Audience>(reader.GetString(4))));
            }
            list.Sort((a, b) => a.Id.CompareTo(b.Id));
            return list;
        });
    }

    /// <summary>
    /// The writes between consecutive messages of a connection: the previous recipient sent (the server
    /// accepted it) and the next one in flight (its transaction starts next), in one statement, so a
    /// connection never has more than one recipient in flight. Steps of connections that arrive while a
    /// statement runs are written together by the next one (group commit): one database round trip for
    /// several messages, and still no recipient in flight before its own step is stored. Returns whether
    /// the next recipient is still this worker's and now in flight.
    /// </summary>
    public async Task<bool> AdvanceAsync(long? sentId, long? nextId, string worker, long now, long leaseUntil)
    {
        var step = new Step(sentId, nextId, now, leaseUntil);
        lock (_waiting)
        {
            _waiting.Add(step);
        }
        await _gate.WaitAsync();
        try
        {
            List<Step> batch;
            lock (_waiting)
            {
                batch = [.. _waiting];
                _waiting.Clear();
            }
            if (batch.Count > 0)
            {
                await WriteStepsAsync(batch, worker);
            }
        }
        finally
        {
            _gate.Release();
        }
        return await step.Done.Task;
    }

    private async Task WriteStepsAsync(List<Step> batch, string worker)
    {
        var now = batch.Max(b => b.Now);
        var leaseUntil = batch.Max(b => b.LeaseUntil);
        // Every expression reads the row as it was: a row in flight becomes sent, a claimed one in flight.
        var sql = $"""
            UPDATE {Table} SET
              "Status" = CASE WHEN "Status" = 'InFlight' THEN 'Sent' ELSE 'InFlight' END,
              "SentAt" = CASE WHEN "Status" = 'InFlight' THEN @now ELSE "SentAt" END,
              "LastError" = CASE WHEN "Status" = 'InFlight' THEN NULL ELSE "LastError" END,
              "LeaseUntil" = CASE WHEN "Status" = 'InFlight' THEN "LeaseUntil" ELSE @lease END,
              "Attempts" = CASE WHEN "Status" = 'InFlight' THEN "Attempts" ELSE "Attempts" + 1 END
            WHERE "ClaimedBy" = @worker
              AND (("Status" = 'InFlight' AND {IdIn("sent")}) OR ("Status" = 'Claimed' AND {IdIn("next")}))
            RETURNING "Id", "Status"
            """;
        try
        {
            var inFlight = new HashSet<long>();
            var cmd = Command(sql, ("sent", Ids(batch.Select(b => b.Sent))), ("next", Ids(batch.Select(b => b.Next))),
                ("worker", worker), ("now", now), ("lease", leaseUntil));
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    if (reader.GetString(1) == RecipientStatus.InFlight)
                    {
                        inFlight.Add(reader.GetInt64(0));
                    }
                }
            }
            foreach (var step in batch)
            {
                step.Done.TrySetResult(step.Next is { } next && inFlight.Contains(next));
            }
        }
        catch (Exception e)
        {
            foreach (var step in batch)
            {
                step.Done.TrySetException(e);
            }
        }
    }

    /// <summary>A list of ids as one parameter: an array on PostgreSQL, a JSON array on SQLite.</summary>
    private object Ids(IEnumerable<long?> ids)
    {
        var list = ids.OfType<long>().ToArray();
        object value = _postgres ? list : "[" + string.Join(',', list) + "]";
        return value;
    }

    private string IdIn(string parameter) =>
        _postgres ? $"\"Id\" = ANY(@{parameter})" : $"\"Id\" IN (SELECT value FROM json_each(@{parameter}))";

    private sealed record Step(long? Sent, long? Next, long Now, long LeaseUntil)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The server refused the message: retry later (Pending) or give up (Failed).</summary>
    public Task<int> MarkRefusedAsync(long id, string worker, bool retry, long nextAttemptAt, string error,
        CancellationToken ct) =>
        ExecAsync(
            $"""
            UPDATE {Table} SET "Status" = @status, "NextAttemptAt" = @next, "LastError" = @error, "ClaimedBy" = NULL
            WHERE "Id" = @id AND "Status" = 'InFlight' AND "ClaimedBy" = @worker
            """,
            ct, ("status", retry ? RecipientStatus.Pending : RecipientStatus.Failed), ("next", nextAttemptAt),
                ("error", Truncate(error)), ("id", id), ("worker", worker));

    /// <summary>The connection broke during the transaction: the message may have arrived. Shown as uncertain at
    /// once.</summary>
    public Task<int> MarkUncertainAsync(long id, string worker, string error, CancellationToken ct) =>
        ExecAsync(
            $"""
            UPDATE {Table} SET "LeaseUntil" = 0, "LastError" = @error
            WHERE "Id" = @id AND "Status" = 'InFlight' AND "ClaimedBy" = @worker
            """,
            ct, ("error", Truncate(error)), ("id", id), ("worker", worker));

    /// <summary>Hands back every claimed but not started recipient of this worker (pause, shutdown).</summary>
    public Task<int> ReleaseClaimsAsync(int campaignId, string worker, CancellationToken ct) =>
        ExecAsync(
            $"""
            UPDATE {Table} SET "Status" = 'Pending', "ClaimedBy" = NULL
            WHERE "CampaignId" = @campaign AND "Status" = 'Claimed' AND "ClaimedBy" = @worker
            """,
            ct, ("campaign", campaignId), ("worker", worker));

    private async Task<int> ExecAsync(string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters) =>
        await LockedAsync(async () =>
        {
            var cmd = Command(sql, parameters);
            return await cmd.ExecuteNonQueryAsync(ct);
        });

    private async Task<T> LockedAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Commands are kept per statement and reused, so each statement is parsed and planned once per
    /// connection.</summary>
    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var created = false;
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                cmd.Parameters.Add(p);
            }
            _commands[sql] = cmd;
            created = true;
        }
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters[name].Value = value ?? DBNull.Value;
        }
        if (created && _postgres)
        {
            // A server-side prepared statement: PostgreSQL parses and plans it once per connection, not per message.
            cmd.Prepare();
        }
        return cmd;
    }

    private static string Truncate(string s) => s.Length > 1000 ? s[..1000] : s;

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _commands.Values)
        {
            await cmd.DisposeAsync();
        }
        await _connection.DisposeAsync();
        if (_postgres)
        {
            _gate.Dispose();
        }
    }
}
