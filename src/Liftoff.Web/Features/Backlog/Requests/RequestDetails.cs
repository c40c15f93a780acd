using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Backlog.Prioritisation;
using Liftoff.Web.Features.Backlog.Priorities;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record RequestorView(long VoteId, string ContactName, string ContactEmail, int OrganisationId,
    string Organisation, OrganisationKind Kind, string? Segment, string? Tier, DateTimeOffset Since,
    long? MovedFromRequestId);

public sealed record MergedInView(long Id, string Title, DateTimeOffset MergedAt, int VotesMoved,
    int DuplicatesCollapsed);

public sealed record HistoryEntry(DateTimeOffset At, string Kind, string Text);

public sealed record LinkView(int Id, string Title);

/// <summary>Everything staff see about one request. Internal: never for External users.</summary>
public sealed record RequestDetail(
    long Id,
    string Title,
    string Description,
    string? Area,
    FeatureRequestStatus Status,
    long? MergedIntoId,
    string InternalNotes,
    int RowVersion,
    IReadOnlyList<RequestorView> Requestors,
    IReadOnlyList<MergedInView> MergedIn,
    IReadOnlyList<CommentView> Comments,
    LinkView? RoadmapItem,
    LinkView? Release,
    bool ReleaseIsOut,
    PriorityScore Score,
    RequestPriority Inputs,
    IReadOnlyList<HistoryEntry> History,
    bool SharedWithPortal = false,
    bool WrittenInPortal = false);

public sealed class RequestDetails(AppDbContext db, Prioritisation priorities, RequestComments comments)
{
    public async Task<RequestDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        var r = await db.FeatureRequests.AsNoTracking().Include(x => x.Area).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var merges = await db.RequestMerges.AsNoTracking().Include(m => m.Votes)
            .Where(m => m.KeptRequestId == id && m.UndoneAt == null).ToListAsync(ct);
        var movedFrom = merges.SelectMany(m => m.Votes.Where(v => v.Moved).Select(v => (v.VoteId, m.MergedRequestId)))
            .ToDictionary(x => x.VoteId, x => x.MergedRequestId);
        var requestors = (await db.RequestVotes.AsNoTracking().Include(v => v.Organisation)
            .Where(v => v.RequestId == id).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id).ToListAsync(ct))
            .Select(v => new RequestorView(v.Id, v.ContactName, v.ContactEmail, v.OrganisationId, v.Organisation?.Name
                ?? "", v.Organisation?.Kind ?? OrganisationKind.Customer,
                v.Organisation?.Segment, v.Organisation?.Tier, v.CreatedAt,
                    movedFrom.TryGetValue(v.Id, out var from) ? from : null)).ToList();
        var mergedIds = merges.Select(m => m.MergedRequestId).ToList();
        var titles = await db.FeatureRequests.AsNoTracking().Where(x => mergedIds.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        var mergedIn = merges.OrderBy(m => m.MergedAt)
            .Select(m => new MergedInView(m.MergedRequestId, titles.GetValueOrDefault(m.MergedRequestId, ""),
            m.MergedAt,
            m.Votes.Count(v => v.Moved), m.Votes.Count(v => !v.Moved))).ToList();

        var item = r.RoadmapItemId is { } itemId
            ? await db.RoadmapItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => new LinkView(i.Id, i.Title))
                .FirstOrDefaultAsync(ct)
            : null;
        var release = r.ReleaseId is { } releaseId
            ? await db.Releases.AsNoTracking().Where(x => x.Id == releaseId)
                .Select(x => new { x.Id, x.Product, x.Version, x.Name, x.Status }).FirstOrDefaultAsync(ct)
            : null;

        var history = new List<HistoryEntry>();
        history.AddRange((await db.RequestStatusChanges.AsNoTracking().Where(c => c.RequestId == id).ToListAsync(ct))
            .Select(c => new HistoryEntry(c.At, "Status", $"{c.From} → {c.To}{(c.Note.Length > 0 ? $" " +
                $"({c.Note})" : "")}")));
        history.AddRange((await db.RequestScoreChanges.AsNoTracking().Where(c => c.RequestId == id).ToListAsync(ct))
            .Select(c => new HistoryEntry(c.At, "Score", $"{(c.PreviousScore is { } p ? $"{p:0.#} → " +
                $"" : "")}{c.Score:0.#} — {c.Reason}{(c.Breakdown.Length > 0 ? $" ({c.Breakdown})" : "")}")));

        return new RequestDetail(r.Id, r.Title, r.Description, r.Area?.Name, r.Status, r.MergedIntoId, r.InternalNotes,
            r.RowVersion,
            requestors, mergedIn, await comments.ListAsync(id, ct), item,
            release is null ? null : new LinkView(release.Id,
                Liftoff.Domain.Rollout.ReleaseNames.Display(release.Product, release.Version, release.Name)),
            release?.Status == Domain.Rollout.ReleaseStatus.Released,
            await priorities.ScoreAsync(id, ct) ?? PriorityScoring.Compute(new PriorityInputs([]),
                PriorityWeights.Default),
            await db.RequestPriorities.AsNoTracking().FirstOrDefaultAsync(p => p.RequestId == id, ct)
                ?? new RequestPriority { RequestId = id },
            history.OrderByDescending(h => h.At).ToList(),
            r.SharedWithPortal,
            r.WrittenByOrganisationId is not null);
    }
}
