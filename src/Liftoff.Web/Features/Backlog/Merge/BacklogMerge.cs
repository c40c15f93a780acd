using System.Data.Common;
using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Merge;

public sealed record MergeInput(long KeepId);

public sealed record MergeResult(long KeptId, long MergedId, int VotesMoved, int DuplicatesCollapsed);

/// <summary>
/// Merging a duplicate into the request that is kept, and undoing it. The merge records which votes
/// moved and which were the same organisation and contact already counted on the kept request, so an
/// unmerge gives each request back exactly its own requestors.
/// </summary>
public sealed class BacklogMerge(AppDbContext db, AuditLog audit, Prioritisation priorities,
    RequestStatusChanges history, TimeProvider clock)
{
    private const string Concurrent = "Someone else merged or changed these requests at the same moment. Reload the " +
        "request and try again.";

    public async Task<Outcome<MergeResult>> MergeAsync(long mergedId, long keepId, string? userId,
        CancellationToken ct = default)
    {
        if (mergedId == keepId)
        {
            return Outcome<MergeResult>.Invalid("KeepId", "A request cannot be merged into itself: choose another " +
                "request to keep.");
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Lock both rows (in id order, so two merges cannot wait on each other) before reading them:
            // any concurrent merge touching either request now waits and then sees this one's result.
            if (!await LockAsync(Math.Min(mergedId, keepId), ct) | !await LockAsync(Math.Max(mergedId, keepId), ct))
            {
                return await db.FeatureRequests.AnyAsync(r => r.Id == keepId, ct)
                    && !await db.FeatureRequests.AnyAsync(r => r.Id == mergedId, ct)
                    ? Outcome<MergeResult>.NotFound()
                    : Outcome<MergeResult>.Invalid("KeepId", $"There is no request #{keepId} to keep.");
            }
            var merged = await db.FeatureRequests.FirstAsync(r => r.Id == mergedId, ct);
            var kept = await db.FeatureRequests.FirstAsync(r => r.Id == keepId, ct);
            if (merged.Status == FeatureRequestStatus.Merged)
            {
                return Outcome<MergeResult>.Conflict($"#{mergedId} is already merged into #{merged.MergedIntoId}. " +
                    $"Unmerge it first to merge it elsewhere.");
            }
            if (kept.Status == FeatureRequestStatus.Merged)
            {
                return Outcome<MergeResult>.Conflict($"#{keepId} is itself merged into #{kept.MergedIntoId}: merge " +
                    $"into #{kept.MergedIntoId} instead.");
            }
            var mergedIntoThis = await db.FeatureRequests.Where(r => r.MergedIntoId == mergedId).Select(r => r.Id)
                .ToListAsync(ct);
            if (mergedIntoThis.Count > 0)
            {
                return Outcome<MergeResult>.Conflict(
                    $"#{mergedId} already has {string.Join(", ", mergedIntoThis.Select(i => $"#{i}"))} merged into " +
                        $"it; merging it on would make a chain. Keep #{mergedId} instead, or unmerge those first.");
            }

            var keptKeys = (await db.RequestVotes.Where(v => v.RequestId == keepId)
                .Select(v => new { v.OrganisationId, v.ContactEmail }).ToListAsync(ct))
                .Select(v => (v.OrganisationId, v.ContactEmail)).ToHashSet();
            var record = new RequestMerge
            {
                KeptRequestId = keepId,
                MergedRequestId = mergedId,
                PreviousStatus = merged.Status,
                MergedAt = clock.GetUtcNow(),
                MergedByUserId = userId,
            };
            foreach (var vote in await db.RequestVotes.Where(v => v.RequestId == mergedId).ToListAsync(ct))
            {
                var duplicate = keptKeys.Contains((vote.OrganisationId, vote.ContactEmail));
                if (!duplicate)
                {
                    vote.RequestId = keepId;
                }
                record.Votes.Add(new RequestMergeVote { VoteId = vote.Id, Moved = !duplicate });
            }
            db.RequestMerges.Add(record);
            // The row's change sequence moves with this update, so every instance's similarity index drops it.
            history.Record(merged, FeatureRequestStatus.Merged, $"merged into #{keepId}", userId);
            merged.MergedIntoId = keepId;
            merged.UpdatedAt = clock.GetUtcNow();
            var result = new MergeResult(keepId, mergedId, record.Votes.Count(v => v.Moved),
                record.Votes.Count(v => !v.Moved));
            audit.Add("request.merged", "request", Id(mergedId),
                $"#{mergedId} “{merged.Title}” merged into #{keepId} “{kept.Title}”: " +
                $"{result.VotesMoved} vote(s) moved, {result.DuplicatesCollapsed} already counted");
            await db.SaveChangesAsync(ct);
            await priorities.RecordAsync([keepId], $"#{mergedId} merged into it", userId, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<MergeResult>.Ok(result);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            db.ChangeTracker.Clear();
            return Outcome<MergeResult>.Conflict(Concurrent);
        }
    }

    public async Task<Outcome<MergeResult>> UnmergeAsync(long mergedId, string? userId, CancellationToken ct = default)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var keptId = await db.FeatureRequests.Where(r => r.Id == mergedId).Select(r => new { r.MergedIntoId })
                .FirstOrDefaultAsync(ct);
            if (keptId is null)
            {
                return Outcome<MergeResult>.NotFound();
            }
            if (keptId.MergedIntoId is not { } keepId)
            {
                return Outcome<MergeResult>.Conflict($"#{mergedId} is not merged into another request; there is " +
                    $"nothing to unmerge.");
            }
            if (!await LockAsync(Math.Min(mergedId, keepId), ct) | !await LockAsync(Math.Max(mergedId, keepId), ct))
            {
                return Outcome<MergeResult>.Conflict(Concurrent);
            }
            var merged = await db.FeatureRequests.FirstAsync(r => r.Id == mergedId, ct);
            var record = await db.RequestMerges.Include(m => m.Votes)
                .FirstOrDefaultAsync(m => m.MergedRequestId == mergedId && m.KeptRequestId == merged.MergedIntoId
                    && m.UndoneAt == null, ct);
            if (record is null || merged.Status != FeatureRequestStatus.Merged)
            {
                return Outcome<MergeResult>.Conflict(Concurrent);
            }
            var moved = record.Votes.Where(v => v.Moved).Select(v => v.VoteId).ToList();
            var votes = await db.RequestVotes.Where(v => moved.Contains(v.Id)).ToListAsync(ct);
            foreach (var vote in votes)
            {
                vote.RequestId = mergedId;
            }
            var now = clock.GetUtcNow();
            record.UndoneAt = now;
            record.UndoneByUserId = userId;
            // The row's change sequence moves with this update, bringing it back into every similarity index.
            history.Record(merged, record.PreviousStatus, $"unmerged from #{record.KeptRequestId}", userId);
            merged.MergedIntoId = null;
            merged.UpdatedAt = now;
            var result = new MergeResult(record.KeptRequestId, mergedId, votes.Count,
                record.Votes.Count(v => !v.Moved));
            audit.Add("request.unmerged", "request", Id(mergedId),
                $"#{mergedId} unmerged from #{record.KeptRequestId}: {votes.Count} vote(s) given back");
            await db.SaveChangesAsync(ct);
            await priorities.RecordAsync([record.KeptRequestId, mergedId], $"#{mergedId} unmerged", userId, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<MergeResult>.Ok(result);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            db.ChangeTracker.Clear();
            return Outcome<MergeResult>.Conflict(Concurrent);
        }
    }

    private async Task<bool> LockAsync(long id, CancellationToken ct) =>
        await db.FeatureRequests.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RowVersion, r => r.RowVersion + 1), ct) == 1;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
