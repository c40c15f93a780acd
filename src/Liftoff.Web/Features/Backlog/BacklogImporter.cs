using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Organisations;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

public sealed record ImportSession(long Id, string FileName, BacklogImportStatus Status, string Summary, ImportMapping Mapping, SheetFile File, DateTimeOffset CreatedAt);

public sealed record ImportProgress(int Requests, int Indexed)
{
    public bool Done => Indexed >= Requests;
}

/// <summary>
/// Backlog sheet import: the upload is kept in the database, previewed (dry run) as often as the
/// mapping changes, and imported once, in one transaction, by whichever instance claims it first.
/// </summary>
public sealed class BacklogImporter(AppDbContext db, ImportPlanner planner, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<long>> UploadAsync(string fileName, byte[] content, string? userId, CancellationToken ct = default)
    {
        var file = ImportSheetReader.Read(content);
        if (file.Error is not null)
        {
            return Outcome<long>.Invalid("Upload", file.Error);
        }
        var import = new BacklogImport
        {
            FileName = Path.GetFileName(fileName).Length > 260 ? Path.GetFileName(fileName)[..260] : Path.GetFileName(fileName),
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

    public async Task<ImportSession?> GetAsync(long id, CancellationToken ct = default)
    {
        var import = await db.BacklogImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return import is null ? null : new ImportSession(import.Id, import.FileName, import.Status, import.Summary,
            JsonSerializer.Deserialize<ImportMapping>(import.Mapping, Json)!, ImportSheetReader.Read(import.Content), import.CreatedAt);
    }

    public async Task<IReadOnlyList<(long Id, string FileName, BacklogImportStatus Status, string Summary, DateTimeOffset CreatedAt)>> RecentAsync(CancellationToken ct = default) =>
        (await db.BacklogImports.AsNoTracking().OrderByDescending(i => i.Id).Take(10)
            .Select(i => new { i.Id, i.FileName, i.Status, i.Summary, i.CreatedAt }).ToListAsync(ct))
        .Select(i => (i.Id, i.FileName, i.Status, i.Summary, i.CreatedAt)).ToList();

    public async Task<Outcome<bool>> SaveMappingAsync(long id, ImportMapping mapping, CancellationToken ct = default)
    {
        var changed = await db.BacklogImports.Where(i => i.Id == id && i.Status == BacklogImportStatus.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Mapping, JsonSerializer.Serialize(mapping, Json)), ct);
        return changed == 1 ? Outcome<bool>.Ok(true)
            : await db.BacklogImports.AnyAsync(i => i.Id == id, ct) ? Outcome<bool>.Conflict("This file was already imported; upload it again to import it anew.") : Outcome<bool>.NotFound();
    }

    /// <summary>The dry run: what the import would create, and every row that stops it. Writes nothing.</summary>
    public async Task<ImportPlan?> PreviewAsync(long id, CancellationToken ct = default) =>
        await GetAsync(id, ct) is { } session ? await planner.PlanAsync(session.File, session.Mapping, ct) : null;

    public async Task<Outcome<ImportPlan>> RunAsync(long id, CancellationToken ct = default)
    {
        var session = await GetAsync(id, ct);
        if (session is null)
        {
            return Outcome<ImportPlan>.NotFound();
        }
        // Exactly one instance and one click imports a file.
        var claimed = await db.BacklogImports.Where(i => i.Id == id && i.Status == BacklogImportStatus.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, BacklogImportStatus.Importing), ct);
        if (claimed == 0)
        {
            return Outcome<ImportPlan>.Conflict("This file is already being imported or was imported; nothing was done twice.");
        }
        ImportPlan plan;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            plan = await planner.PlanAsync(session.File, session.Mapping, ct);
            if (!plan.Succeeded)
            {
                await tx.RollbackAsync(ct);
                await ReleaseAsync(id, "", ct);
                return Outcome<ImportPlan>.Ok(plan);
            }
            await WriteAsync(id, plan, session.Mapping.NewOrganisationKind, ct);
            var summary = $"{plan.NewRequests} new request(s), {plan.NewVotes} requestor(s), {plan.NewAreas.Count} new area(s), {plan.NewOrganisations.Count} new organisation(s), {plan.NewContacts.Count} new contact(s) from {plan.RowsRead} row(s).";
            audit.Add("backlog.imported", "BacklogImport", id.ToString(CultureInfo.InvariantCulture), $"{session.FileName}: {summary}");
            await db.SaveChangesAsync(ct);
            await db.BacklogImports.Where(i => i.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.Status, BacklogImportStatus.Imported)
                .SetProperty(i => i.Summary, summary)
                .SetProperty(i => i.ProcessedRows, plan.RowsRead)
                .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(id, "Stopped: another change stored some of the same rows at the same moment.", ct);
            return Outcome<ImportPlan>.Conflict("Another import or change stored some of these rows at the same moment, so nothing was imported. Preview again: the import then adds only what is still missing.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(id, "Stopped by an unexpected error; nothing was imported.", CancellationToken.None);
            throw;
        }
        return Outcome<ImportPlan>.Ok(plan);
    }

    /// <summary>How many of the requests created by an import the similar-request search has embedded yet.</summary>
    public async Task<ImportProgress> ProgressAsync(long id, CancellationToken ct = default)
    {
        var ids = db.FeatureRequestSources.Where(s => s.ImportId == id).Select(s => s.RequestId);
        var total = await db.FeatureRequests.CountAsync(r => ids.Contains(r.Id), ct);
        var indexed = await db.FeatureRequests.CountAsync(r => ids.Contains(r.Id) && r.Embedding != null, ct);
        return new ImportProgress(total, indexed);
    }

    private async Task WriteAsync(long importId, ImportPlan plan, OrganisationKind newKind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var areas = (await db.ProductAreas.ToListAsync(ct)).GroupBy(a => a.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        foreach (var name in plan.NewAreas)
        {
            areas[name.ToLowerInvariant()] = db.ProductAreas.Add(new ProductArea { Name = name }).Entity;
        }
        var orgs = (await db.Organisations.ToListAsync(ct)).GroupBy(o => o.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        foreach (var name in plan.NewOrganisations)
        {
            orgs[name.ToLowerInvariant()] = db.Organisations.Add(new OrganisationEntity { Name = name, Kind = newKind, CreatedAt = now }).Entity;
        }
        await db.SaveChangesAsync(ct);

        var newContacts = plan.NewContacts.ToHashSet(StringComparer.Ordinal);
        var created = new List<(PlannedRequest Plan, FeatureRequest Entity)>();
        foreach (var r in plan.Requests)
        {
            var votes = r.Votes.Select(v => new RequestVote
            {
                RequestId = r.ExistingId ?? 0,
                OrganisationId = orgs[v.Organisation.ToLowerInvariant()].Id,
                ContactEmail = v.Email,
                ContactName = v.ContactName,
                CreatedAt = v.At ?? now,
            }).ToList();
            foreach (var v in r.Votes.Where(v => newContacts.Remove(v.Email)))
            {
                var org = orgs[v.Organisation.ToLowerInvariant()];
                db.Contacts.Add(new Contact
                {
                    OrganisationId = org.Id,
                    Audience = OrganisationAdministration.AudienceOf(org.Kind),
                    Email = v.Email,
                    NormalizedEmail = v.Email,
                    Name = v.ContactName,
                    CreatedAt = now,
                });
            }
            if (r.ExistingId is not null)
            {
                db.RequestVotes.AddRange(votes);
                continue;
            }
            var request = new FeatureRequest
            {
                Title = r.Title,
                Description = r.Description,
                Area = r.Area is null ? null : areas[r.Area.ToLowerInvariant()],
                Status = r.Status,
                CreatedAt = r.At ?? now,
                // Left without an embedding: the similar-request indexer computes it in the background.
                UpdatedAt = now,
                Votes = votes,
            };
            db.FeatureRequests.Add(request);
            created.Add((r, request));
        }
        await db.SaveChangesAsync(ct);
        db.FeatureRequestSources.AddRange(created.Select(c => new FeatureRequestSource { SourceKey = c.Plan.SourceKey, RequestId = c.Entity.Id, ImportId = importId }));
        await db.SaveChangesAsync(ct);
    }

    private async Task ReleaseAsync(long id, string summary, CancellationToken ct) =>
        await db.BacklogImports.Where(i => i.Id == id && i.Status == BacklogImportStatus.Importing)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, BacklogImportStatus.Uploaded).SetProperty(i => i.Summary, summary), ct);
}
