using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>
/// Writes planned requests of one import, one batch per transaction. The transaction first renews the
/// worker's lease and sets the committed row count, so the progress shown is exactly what is stored and
/// a worker that lost its lease writes nothing. Areas, organisations and contacts are looked up once per
/// job and created by the first batch that needs them.
/// </summary>
public sealed class ImportBatchWriter(AppDbContext db, long importId, string workerId, OrganisationKind newKind,
    TimeSpan lease, TimeProvider clock)
{
    private Dictionary<string, int> _areas = [];
    private Dictionary<string, (int Id, OrganisationKind Kind)> _orgs = [];
    private HashSet<string> _emails = [];

    public async Task LoadAsync(CancellationToken ct)
    {
        _areas = (await db.ProductAreas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .GroupBy(a => a.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Min(a => a.Id));
        _orgs = (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct))
            .GroupBy(o => o.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Kind));
        _emails = (await db.Contacts.AsNoTracking().Select(c => c.NormalizedEmail).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Writes the batch and sets the committed row count; false when another worker holds the import
    /// now.</summary>
    public async Task<bool> WriteAsync(IReadOnlyList<PlannedRequest> batch, int processedAfter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // First statement of the transaction: it locks the import row, so a takeover waits for this batch.
        var held = await db.BacklogImports.Where(i => i.Id == importId && i.Status == BacklogImportStatus.Importing
            && i.LeaseOwner == workerId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ProcessedRows, processedAfter)
                .SetProperty(i => i.LeaseUntil, now + lease), ct);
        if (held == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        try
        {
            var newAreas = new Dictionary<string, ProductArea>(StringComparer.Ordinal);
            var newOrgs = new Dictionary<string, OrganisationEntity>(StringComparer.Ordinal);
            foreach (var r in batch.Where(r => r.ExistingId is null && r.Area is not null))
            {
                var key = r.Area!.ToLowerInvariant();
                if (!_areas.ContainsKey(key) && !newAreas.ContainsKey(key))
                {
                    newAreas[key] = new ProductArea { Name = r.Area };
                }
            }
            foreach (var v in batch.SelectMany(r => r.Votes))
            {
                var key = v.Organisation.ToLowerInvariant();
                if (!_orgs.ContainsKey(key) && !newOrgs.ContainsKey(key))
                {
                    newOrgs[key] = new OrganisationEntity { Name = v.Organisation, Kind = newKind, CreatedAt = now };
                }
            }
            if (newAreas.Count + newOrgs.Count > 0)
            {
                db.ProductAreas.AddRange(newAreas.Values);
                db.Organisations.AddRange(newOrgs.Values);
                await db.SaveChangesAsync(ct);
            }
            int AreaId(string name) => _areas.TryGetValue(name.ToLowerInvariant(),
                out var id) ? id : newAreas[name.ToLowerInvariant()].Id;
            (int Id, OrganisationKind Kind) Org(string name) =>
                _orgs.TryGetValue(name.ToLowerInvariant(), out var o) ? o : (newOrgs[name.ToLowerInvariant()].Id,
                    newOrgs[name.ToLowerInvariant()].Kind);

            var newEmails = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in batch.SelectMany(r => r.Votes)
                .Where(v => v.Email.Length > 0 && !_emails.Contains(v.Email) && newEmails.Add(v.Email)))
            {
                var org = Org(v.Organisation);
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
            if (newEmails.Count > 0)
            {
                await db.SaveChangesAsync(ct);
            }

            // Requests, requestors and source keys are most of the rows: inserted with prepared commands, untracked.
            await using var requests = await ImportRowInserter<FeatureRequest>.CreateAsync(db, ct);
            await using var votes = await ImportRowInserter<RequestVote>.CreateAsync(db, ct);
            await using var sources = await ImportRowInserter<FeatureRequestSource>.CreateAsync(db, ct);
            var created = batch.Where(r => r.ExistingId is null).Select(r => (Plan: r, Entity: new FeatureRequest
            {
                Title = r.Title,
                Description = r.Description,
                AreaId = r.Area is null ? null : AreaId(r.Area),
                Status = r.Status,
                CreatedAt = r.At ?? now,
                // Left without an embedding: the similar-request indexer computes it in the background.
                UpdatedAt = now,
            })).ToList();
            await requests.InsertManyAsync(created.Select(c => c.Entity).ToList(), ct);
            await sources.InsertManyAsync(created.Select(c =>
                new FeatureRequestSource { SourceKey = c.Plan.SourceKey, RequestId = c.Entity.Id, ImportId = importId })
                .ToList(), ct);
            var ids = created.ToDictionary(c => c.Plan.SourceKey, c => c.Entity.Id, StringComparer.Ordinal);
            await votes.InsertManyAsync(batch.SelectMany(r => r.Votes.Select(v => new RequestVote
            {
                RequestId = r.ExistingId ?? ids[r.SourceKey],
                OrganisationId = Org(v.Organisation).Id,
                ContactEmail = v.Email,
                ContactName = v.ContactName,
                CreatedAt = v.At ?? now,
            })).ToList(), ct);
            await tx.CommitAsync(ct);

            foreach (var (key, area) in newAreas)
            {
                _areas[key] = area.Id;
            }
            foreach (var (key, org) in newOrgs)
            {
                _orgs[key] = (org.Id, org.Kind);
            }
            _emails.UnionWith(newEmails);
            return true;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
