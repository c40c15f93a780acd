using System.Data.Common;
using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Jobs;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>
/// Writes queued backlog imports. Any instance may claim one with a conditional update that takes a
/// lease; every committed batch renews it. When an instance dies mid-import its lease runs out and
/// another takes over: the file is planned again against what is stored, so nothing is written twice.
/// </summary>
public sealed class ImportJobRunner(
    IServiceScopeFactory scopes,
    IOptions<ImportOptions> options,
    IOptions<UploadLimits> limits,
    TimeProvider clock,
    ILogger<ImportJobRunner> logger) : IDisposable
{
    private const int ConflictRetries = 3;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Identifies this instance's claims.</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Lets this instance's background loop start a just-queued import without waiting for its poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => await _wake.WaitAsync(timeout, ct);

    /// <summary>Claims and writes every import that is queued or whose writer's lease ran out; returns how many were
    /// run.</summary>
    public async Task<int> RunPendingAsync(CancellationToken ct = default)
    {
        var run = 0;
        while (await ClaimNextAsync(ct) is { } id)
        {
            await WriteClaimedAsync(id, null, ct);
            run++;
        }
        return run;
    }

    /// <summary>
    /// Claims one import and writes it; with <paramref name="maxBatches"/> the worker stops after that many
    /// batches and keeps its lease, as if its instance had stopped (the rest waits for the lease to run out).
    /// </summary>
    public async Task<bool> RunAsync(long id, int? maxBatches = null, CancellationToken ct = default)
    {
        if (!await ClaimAsync(id, ct))
        {
            return false;
        }
        await WriteClaimedAsync(id, maxBatches, ct);
        return true;
    }

    private async Task<long?> ClaimNextAsync(CancellationToken ct)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow();
            var candidate = await db.BacklogImports.AsNoTracking()
                .Where(i => i.Status == BacklogImportStatus.Queued
                    || (i.Status == BacklogImportStatus.Importing && i.LeaseUntil < now))
                .OrderBy(i => i.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (candidate is null)
            {
                return null;
            }
            if (await ClaimAsync(candidate.Value, ct))
            {
                return candidate;
            }
        }
    }

    private async Task<bool> ClaimAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.BacklogImports.Where(i => i.Id == id && (i.Status == BacklogImportStatus.Queued
                || (i.Status == BacklogImportStatus.Importing && i.LeaseUntil < now)))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, BacklogImportStatus.Importing)
                .SetProperty(i => i.LeaseOwner, WorkerId)
                .SetProperty(i => i.LeaseUntil, now + options.Value.ImportLease), ct);
        return claimed == 1;
    }

    private async Task WriteClaimedAsync(long id, int? maxBatches, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var planner = scope.ServiceProvider.GetRequiredService<ImportPlanner>();
        var import = await db.BacklogImports.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.FileName, i.Content, i.Mapping, i.TotalRows }).FirstAsync(ct);
        var total = import.TotalRows;
        var done = 0;
        try
        {
            // The one parse and plan of this step; batches that meet a concurrent change are planned again on their
            // own.
            var file = ImportSheetReader.Read(import.Content, limits.Value);
            var mapping = BacklogImporter.ReadMapping(import.Mapping);
            var plan = await planner.PlanAsync(file, mapping, ct);
            if (!plan.Succeeded)
            {
                await FinishAsync(db, id, BacklogImportStatus.Failed, null,
                    $"The file no longer passes the dry run, so nothing more was written: {Problems(plan)} Upload " +
                        $"the corrected file to import the rest.", ct);
                return;
            }
            total = plan.RowsRead;
            done = plan.RowsRead - plan.RowsToWrite;
            var writer = new ImportBatchWriter(db, id, WorkerId, mapping.NewOrganisationKind,
                options.Value.ImportLease, clock);
            await writer.LoadAsync(ct);
            var tally = new Tally();
            var batches = 0;
            foreach (var batch in Batches(plan.Requests, options.Value.ImportBatchSize))
            {
                var rows = batch.Sum(r => r.Rows.Count);
                var written = await WriteBatchAsync(db, planner, writer, file, mapping, batch, done + rows, tally, ct);
                if (written is null)
                {
                    logger.LogWarning("Backlog import {Import} was taken over by another worker", id);
                    return;
                }
                if (written is { } problems && problems.Length > 0)
                {
                    await FinishAsync(db, id, BacklogImportStatus.Failed, null,
                        $"Stopped after {done:N0} of {total:N0} rows were written (they are kept): {problems} " +
                            $"Correct the file and upload it again; the rows already written are not added twice.", ct);
                    return;
                }
                done += rows;
                // The new requests are found by their words at once; their vectors follow in the background.
                scope.ServiceProvider.GetService<SimilarRequestEngine>()?.Changed();
                if (++batches == maxBatches)
                {
                    return;
                }
            }
            var already = plan.RowsRead - plan.RowsToWrite;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{Plural.Count(tally.Requests, "new request")}, {Plural.Count(tally.Votes, "requestor")} " +
                $"from {Plural.Count(total, "row")}") +
                (plan.RowsToWrite < plan.RowsRead
                    ? $"; {Plural.Count(already, "row")} {(already == 1 ? "was" : "were")} already in the backlog"
                    : "") + ".";
            await FinishAsync(db, id, BacklogImportStatus.Imported,
                scope.ServiceProvider.GetRequiredService<AuditLog>(), summary, ct, import.FileName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What was committed stays; importing again plans the file anew and adds only the rest.
            logger.LogError(e, "Backlog import {Import} failed after {Done} of {Total} rows", id, done, total);
            db.ChangeTracker.Clear();
            await FinishAsync(db, id, BacklogImportStatus.Failed, null,
                $"Stopped by an unexpected error after {done:N0} of {total:N0} rows were written; those rows are " +
                    $"kept. Choose Import again to add the rest.", CancellationToken.None);
        }
    }

    /// <summary>Null when the lease was lost; the row problems when the batch can no longer be planned; "" when
    /// written.</summary>
    private async Task<string?> WriteBatchAsync(AppDbContext db, ImportPlanner planner, ImportBatchWriter writer,
        SheetFile file, ImportMapping mapping,
        IReadOnlyList<PlannedRequest> batch, int processedAfter, Tally tally, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (!await writer.WriteAsync(batch, processedAfter, ct))
                {
                    return null;
                }
                tally.Requests += batch.Count(r => r.ExistingId is null);
                tally.Votes += batch.Sum(r => r.Votes.Count);
                return "";
            }
            catch (Exception e) when (e is DbUpdateException or DbException && attempt < ConflictRetries)
            {
                // Someone stored some of the same requests, organisations or contacts meanwhile: plan these rows again.
                logger.LogInformation(e, "Backlog import batch met a concurrent change; planning its rows again");
                var rows = batch.SelectMany(r => r.Rows).ToHashSet();
                var again = await planner.PlanAsync(file.Only(rows), mapping, ct);
                if (!again.Succeeded)
                {
                    return Problems(again);
                }
                await writer.LoadAsync(ct);
                batch = again.Requests;
            }
        }
    }

    private async Task FinishAsync(AppDbContext db, long id, BacklogImportStatus status, AuditLog? audit,
        string summary, CancellationToken ct, string? fileName = null)
    {
        summary = summary.Length > 4000 ? summary[..3999] + "…" : summary;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.BacklogImports.Where(i => i.Id == id && i.Status == BacklogImportStatus.Importing
            && i.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, status)
                .SetProperty(i => i.Summary, summary)
                .SetProperty(i => i.LeaseOwner, (string?)null)
                .SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), ct);
        if (updated == 1 && audit is not null)
        {
            audit.Add("backlog.imported", "BacklogImport", id.ToString(CultureInfo.InvariantCulture),
                $"{fileName}: {summary}");
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static string Problems(ImportPlan plan) =>
        string.Join(" ", plan.Errors.Take(5).Select(e => e.ToString())) + (plan.Errors.Count > 5 ? $" … and " +
            $"{plan.Errors.Count - 5} more." : "");

    /// <summary>Whole requests per batch (a request's rows are never split), about <paramref name="size"/> rows
    /// each.</summary>
    private static IEnumerable<List<PlannedRequest>> Batches(IReadOnlyList<PlannedRequest> requests, int size)
    {
        var batch = new List<PlannedRequest>();
        var rows = 0;
        foreach (var r in requests)
        {
            batch.Add(r);
            rows += r.Rows.Count;
            if (rows >= size)
            {
                yield return batch;
                batch = [];
                rows = 0;
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public void Dispose() => _wake.Dispose();

    private sealed class Tally
    {
        public int Requests;
        public int Votes;
    }
}
