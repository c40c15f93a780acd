using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record StatusInput(FeatureRequestStatus? Status, int? RoadmapItemId = null, int? ReleaseId = null,
    string? Note = null);

public sealed record RoadmapLinkInput(int? RoadmapItemId);

public sealed record StatusView(long Id, FeatureRequestStatus Status, int? RoadmapItemId, int? ReleaseId);

/// <summary>
/// A request's status and its links: planned means an internal roadmap item plans it; released
/// means a release that is out delivers it; merged happens only through a merge.
/// </summary>
public sealed class RequestStatusChanges(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<StatusView>> SetStatusAsync(long id, StatusInput input, string? userId,
        CancellationToken ct = default)
    {
        if (input.Status is not { } status || !Enum.IsDefined(status))
        {
            return Outcome<StatusView>.Invalid("Status", "Choose a status: New, UnderReview, Planned, InDevelopment, " +
                "Released or Declined.");
        }
        if ((input.Note?.Length ?? 0) > 2000)
        {
            return Outcome<StatusView>.Invalid("Note", "Keep the note under 2,000 characters.");
        }
        var request = await db.FeatureRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome<StatusView>.NotFound();
        }
        if (request.Status == FeatureRequestStatus.Merged)
        {
            return Outcome<StatusView>.Conflict($"#{id} is merged into #{request.MergedIntoId}; unmerge it first to " +
                $"change its status.");
        }
        if (status == FeatureRequestStatus.Merged)
        {
            return Outcome<StatusView>.Invalid("Status", "A request becomes Merged only by merging it: choose the " +
                "request to keep on its page.");
        }
        var itemId = input.RoadmapItemId ?? request.RoadmapItemId;
        if (input.RoadmapItemId is { } given && !await db.RoadmapItems.AnyAsync(i => i.Id == given, ct))
        {
            return Outcome<StatusView>.Invalid("RoadmapItemId", $"There is no roadmap item #{given}.");
        }
        if (status == FeatureRequestStatus.Planned && itemId is null)
        {
            return Outcome<StatusView>.Invalid("RoadmapItemId", "A planned request must be linked to the internal " +
                "roadmap item that plans it.");
        }
        var releaseId = input.ReleaseId ?? request.ReleaseId;
        if (status == FeatureRequestStatus.Released && releaseId is null && itemId is { } item)
        {
            releaseId = await db.RoadmapItems.Where(i => i.Id == item).Select(i => i.ReleaseId).FirstOrDefaultAsync(ct);
        }
        if (releaseId is { } rid)
        {
            var release = await db.Releases.AsNoTracking().Where(r => r.Id == rid)
                .Select(r => new { r.Status, r.Product, r.Version }).FirstOrDefaultAsync(ct);
            if (release is null)
            {
                return Outcome<StatusView>.Invalid("ReleaseId", $"There is no release #{rid}.");
            }
            if (status == FeatureRequestStatus.Released && release.Status != ReleaseStatus.Released)
            {
                return Outcome<StatusView>.Invalid("ReleaseId",
                    $"{release.Product} {release.Version} is not released yet ({release.Status}); mark the request " +
                        $"released once the release is out.");
            }
        }
        else if (status == FeatureRequestStatus.Released)
        {
            return Outcome<StatusView>.Invalid("ReleaseId", "A released request must be linked to the release that " +
                "delivered it.");
        }

        Change(request, status, itemId, releaseId, input.Note?.Trim() ?? "", userId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<StatusView>.Conflict("Someone else changed this request meanwhile. Reload and try again.");
        }
        return Outcome<StatusView>.Ok(new StatusView(id, request.Status, request.RoadmapItemId, request.ReleaseId));
    }

    /// <summary>Links a request to a roadmap item, or unlinks it (null); works from the request and from the
    /// item.</summary>
    public async Task<Outcome<StatusView>> LinkRoadmapItemAsync(long id, int? roadmapItemId,
        CancellationToken ct = default)
    {
        var request = await db.FeatureRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome<StatusView>.NotFound();
        }
        if (request.Status == FeatureRequestStatus.Merged)
        {
            return Outcome<StatusView>.Conflict($"#{id} is merged into #{request.MergedIntoId}; link " +
                $"#{request.MergedIntoId} instead.");
        }
        if (roadmapItemId is { } itemId && !await db.RoadmapItems.AnyAsync(i => i.Id == itemId, ct))
        {
            return Outcome<StatusView>.Invalid("RoadmapItemId", $"There is no roadmap item #{itemId}.");
        }
        if (roadmapItemId is null && request.Status == FeatureRequestStatus.Planned)
        {
            return Outcome<StatusView>.Conflict($"#{id} is planned: it must stay linked to a roadmap item. Change " +
                $"its status first.");
        }
        var previous = request.RoadmapItemId;
        request.RoadmapItemId = roadmapItemId;
        audit.Add(roadmapItemId is null ? "request.roadmap.unlinked" : "request.roadmap.linked", "request", Id(id),
            $"roadmap item {previous?.ToString(CultureInfo.InvariantCulture)
                ?? "none"} → {roadmapItemId?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<StatusView>.Conflict("Someone else changed this request meanwhile. Reload and try again.");
        }
        return Outcome<StatusView>.Ok(new StatusView(id, request.Status, request.RoadmapItemId, request.ReleaseId));
    }

    /// <summary>Sets the status and links, keeping the history row and the audit line; the caller saves.</summary>
    internal void Change(FeatureRequest request, FeatureRequestStatus status, int? itemId, int? releaseId, string note,
        string? userId)
    {
        var from = request.Status;
        request.RoadmapItemId = itemId;
        request.ReleaseId = releaseId;
        if (from != status)
        {
            Record(request, status, note, userId);
        }
        audit.Add("request.status.changed", "request", Id(request.Id),
            $"{from} → {status}; roadmap item {itemId?.ToString(CultureInfo.InvariantCulture) ?? "none"}; " +
            $"release {releaseId?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
    }

    /// <summary>Moves the request to another status and keeps the history row (merges and unmerges record
    /// their own audit line); the caller saves.</summary>
    internal void Record(FeatureRequest request, FeatureRequestStatus to, string note, string? userId)
    {
        db.RequestStatusChanges.Add(new RequestStatusChange
        {
            RequestId = request.Id,
            At = clock.GetUtcNow(),
            From = request.Status,
            To = to,
            Note = note,
            ByUserId = userId,
        });
        request.Status = to;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
