using System.Security.Cryptography;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog.Import;

public sealed record ImportSession(long Id, string FileName, BacklogImportStatus Status, string Summary,
    ImportMapping Mapping, SheetFile? File, DateTimeOffset CreatedAt);

public sealed record ImportProgress(int Requests, int Indexed)
{
    public bool Done => Indexed >= Requests;
}

/// <summary>What the import page polls: the job's committed counters only, never the file.</summary>
public sealed record ImportStatusView(long Id, BacklogImportStatus Status, int TotalRows, int ProcessedRows,
    string Summary, ImportProgress? Indexing)
{
    public bool Writing => Status is BacklogImportStatus.Queued or BacklogImportStatus.Importing;
}

/// <summary>
/// Backlog sheet import: the upload is kept in the database, previewed (dry run) as often as the
/// mapping changes, and queued once; <see cref="ImportJobRunner"/> on any instance then writes it in batches.
/// </summary>
public sealed class BacklogImporter(
    AppDbContext db, ImportPlanner planner, ImportJobRunner jobs, TimeProvider clock, IOptions<UploadLimits> limits)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ImportMapping ReadMapping(string json) => JsonSerializer.Deserialize<ImportMapping>(json, Json)!;

    public async Task<Outcome<long>> UploadAsync(string fileName, byte[] content, string? userId,
        CancellationToken ct = default)
    {
        var file = ImportSheetReader.Read(content, limits.Value);
        if (file.Error is not null)
        {
            return Outcome<long>.Invalid("Upload", file.Error);
        }
        var import = new BacklogImport
        {
            FileName = Path.GetFileName(fileName).Length > 260
                ? Path.GetFileName(fileName)[..260]
                : Path.GetFileName(fileName),
            Content = content,
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(content)),
            Status = BacklogImportStatus.Uploaded,
            Mapping = JsonSerializer.Serialize(ImportMapping.Guess(file.Sheets.SelectMany(s => s.Headers)), Json),
            TotalRows = file.RowCount,
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = userId,
        };
        db.BacklogImports.Add(import);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Ok(import.Id);
    }

    /// <summary>The import with its file parsed when <paramref name="readFile"/> (the only costly part of a
    /// step).</summary>
    public async Task<ImportSession?> GetAsync(long id, bool readFile = true, CancellationToken ct = default)
    {
        var import = await db.BacklogImports.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.FileName, i.Status, i.Summary, i.Mapping, i.CreatedAt }).FirstOrDefaultAsync(ct);
        if (import is null)
        {
            return null;
        }
        var file = readFile
            ? ImportSheetReader.Read(await db.BacklogImports.Where(i => i.Id == id).Select(i => i.Content)
                .FirstAsync(ct), limits.Value)
            : null;
        return new ImportSession(import.Id, import.FileName, import.Status, import.Summary,
            ReadMapping(import.Mapping), file, import.CreatedAt);
    }

    public async Task<IReadOnlyList<(long Id, string FileName, BacklogImportStatus Status, string Summary,
        DateTimeOffset CreatedAt)>> RecentAsync(CancellationToken ct = default) =>
        (await db.BacklogImports.AsNoTracking().OrderByDescending(i => i.Id).Take(10)
            .Select(i => new { i.Id, i.FileName, i.Status, i.Summary, i.CreatedAt }).ToListAsync(ct))
        .Select(i => (i.Id, i.FileName, i.Status, i.Summary, i.CreatedAt)).ToList();

    public async Task<Outcome<bool>> SaveMappingAsync(long id, ImportMapping mapping, CancellationToken ct = default)
    {
        var changed = await db.BacklogImports.Where(i => i.Id == id && i.Status == BacklogImportStatus.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Mapping, JsonSerializer.Serialize(mapping, Json)), ct);
        return changed == 1 ? Outcome<bool>.Ok(true)
            : await db.BacklogImports.AnyAsync(i => i.Id == id, ct) ? Outcome<bool>.Conflict("This file was already " +
                "imported; upload it again to import it anew.") : Outcome<bool>.NotFound();
    }

    /// <summary>The dry run: what the import would create, and every row that stops it. Writes nothing.</summary>
    public async Task<ImportPlan?> PreviewAsync(long id, CancellationToken ct = default) =>
        await GetAsync(id, readFile: true, ct) is { } session ? await PreviewAsync(session, ct) : null;

    public Task<ImportPlan> PreviewAsync(ImportSession session, CancellationToken ct = default) =>
        planner.PlanAsync(session.File ?? throw new ArgumentException("The session was read without its file.",
            nameof(session)), session.Mapping, ct);

    public async Task<Outcome<ImportPlan>> QueueAsync(long id, CancellationToken ct = default) =>
        await GetAsync(id, readFile: true, ct) is { } session ? await QueueAsync(session,
            ct) : Outcome<ImportPlan>.NotFound();

    /// <summary>
    /// Runs the dry run and, when every row is good, hands the file to the background import (a failed
    /// import is resumed: what it wrote stays and only the rest is added). With a bad row nothing is queued.
    /// </summary>
    public async Task<Outcome<ImportPlan>> QueueAsync(ImportSession session, CancellationToken ct = default)
    {
        var plan = await PreviewAsync(session, ct);
        if (!plan.Succeeded)
        {
            return Outcome<ImportPlan>.Ok(plan);
        }
        // Exactly one click and one instance queues a file; the job itself is claimed under a lease.
        var queued = await db.BacklogImports.Where(i => i.Id == session.Id && (i.Status == BacklogImportStatus.Uploaded
                || i.Status == BacklogImportStatus.Failed))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, BacklogImportStatus.Queued)
                .SetProperty(i => i.Summary, "")
                .SetProperty(i => i.TotalRows, plan.RowsRead)
                .SetProperty(i => i.ProcessedRows, plan.RowsRead - plan.RowsToWrite)
                .SetProperty(i => i.LeaseOwner, (string?)null)
                .SetProperty(i => i.LeaseUntil, (DateTimeOffset?)null), ct);
        if (queued == 0)
        {
            return Outcome<ImportPlan>.Conflict("This file is already being imported or was imported; nothing was " +
                "done twice.");
        }
        jobs.Wake();
        return Outcome<ImportPlan>.Ok(plan);
    }

    /// <summary>The counters the import page polls: one small row read (and, once written, the indexing
    /// counts).</summary>
    public async Task<ImportStatusView?> StatusAsync(long id, CancellationToken ct = default)
    {
        var s = await db.BacklogImports.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Id, i.Status, i.TotalRows, i.ProcessedRows, i.Summary }).FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return null;
        }
        var indexing = s.Status == BacklogImportStatus.Imported ? await ProgressAsync(id, ct) : null;
        return new ImportStatusView(s.Id, s.Status, s.TotalRows, s.ProcessedRows, s.Summary, indexing);
    }

    /// <summary>How many of the requests created by an import the similar-request search has embedded yet.</summary>
    public async Task<ImportProgress> ProgressAsync(long id, CancellationToken ct = default)
    {
        var ids = db.FeatureRequestSources.Where(s => s.ImportId == id).Select(s => s.RequestId);
        var total = await db.FeatureRequests.CountAsync(r => ids.Contains(r.Id), ct);
        var indexed = await db.FeatureRequests.CountAsync(r => ids.Contains(r.Id) && r.Embedding != null, ct);
        return new ImportProgress(total, indexed);
    }
}
