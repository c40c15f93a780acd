using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

/// <summary>One requestor of one shipped request: told (when), or not told and why.</summary>
public sealed record ToldRequestor(long RequestId, string RequestTitle, string ContactName, string ContactEmail,
    DateTimeOffset? ToldAt, string? HeldBackBecause);

/// <summary>
/// When a release ships: its linked requests (directly, or through their roadmap item) become
/// Released, and their requestors are told once each through <see cref="ReleaseNotification"/>.
/// </summary>
public sealed class ShippedRequests(AppDbContext db, RequestStatusChanges statuses, ReleaseNotification notification,
    AuditLog audit, ILogger<ShippedRequests> logger)
{
    private const string HeldBackAction = "request.requestor.held-back";

    /// <summary>Moves the open linked requests to Released in the caller's unit of work; the caller saves.</summary>
    public async Task<int> MoveLinkedAsync(ReleaseEntity release, string? userId, CancellationToken ct)
    {
        var done = new[] { FeatureRequestStatus.Declined, FeatureRequestStatus.Merged, FeatureRequestStatus.Released };
        var requests = await Linked(release.Id).Where(r => !done.Contains(r.Status)).OrderBy(r => r.Id).ToListAsync(ct);
        var name = ReleaseNotification.ReleaseName(release);
        foreach (var request in requests)
        {
            statuses.Change(request, FeatureRequestStatus.Released, request.RoadmapItemId, release.Id,
                $"Shipped with {name}.", userId);
        }
        return requests.Count;
    }

    /// <summary>
    /// Queues the message for every requestor of the release's released requests who was not told yet,
    /// and saves. Requestors whose organisation the disclosure guard holds back are audited, not told.
    /// Safe to repeat: nobody is told twice.
    /// </summary>
    public async Task TellRequestorsAsync(int releaseId, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release is null || release.Status != ReleaseStatus.Released)
        {
            return;
        }
        var name = ReleaseNotification.ReleaseName(release);
        var requests = await Linked(releaseId).AsNoTracking().Include(r => r.Votes)
            .Where(r => r.Status == FeatureRequestStatus.Released).OrderBy(r => r.Id).ToListAsync(ct);
        var (queued, told, held) = (0, 0, 0);
        foreach (var request in requests)
        {
            foreach (var notice in await notification.QueueAsync(request, name, ct))
            {
                switch (notice.Outcome)
                {
                    case RequestorOutcome.Queued:
                        queued++;
                        break;
                    case RequestorOutcome.AlreadyTold:
                        told++;
                        break;
                    default:
                        held++;
                        audit.Add(HeldBackAction, "request", Id(request.Id), $"{notice.Email}: {notice.Reason}");
                        break;
                }
            }
        }
        audit.Add("release.requestors.told", "release", releaseId.ToString(CultureInfo.InvariantCulture),
            $"{name}: {queued} queued, {told} already told, {held} held back by the disclosure guard");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance told the same requestors at the same moment; the outbox key kept it to one message.
            db.ChangeTracker.Clear();
            logger.LogInformation(e, "Requestors of release {Release} were being told elsewhere", releaseId);
        }
    }

    /// <summary>The requestors of the release's released requests, told or not.</summary>
    public async Task<IReadOnlyList<ToldRequestor>> ReportAsync(int releaseId, CancellationToken ct)
    {
        var requests = await Linked(releaseId).AsNoTracking().Where(r => r.Status == FeatureRequestStatus.Released)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Title, Votes = r.Votes.OrderBy(v => v.Id).ToList() })
            .ToListAsync(ct);
        if (requests.Count == 0)
        {
            return [];
        }
        var keys = requests.SelectMany(r => r.Votes.Select(v =>
            ReleaseNotification.DeduplicationKey(r.Id, v.ContactEmail)))
            .Distinct().ToList();
        var sent = await db.Outbox.AsNoTracking()
            .Where(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey))
            .Select(m => new { m.DeduplicationKey, m.CreatedAt }).ToListAsync(ct);
        var sentAt = sent.GroupBy(m => m.DeduplicationKey!).ToDictionary(g => g.Key, g => g.Min(m => m.CreatedAt));
        var ids = requests.Select(r => Id(r.Id)).ToList();
        var held = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == HeldBackAction && a.TargetType == "request" && ids.Contains(a.TargetId!))
            .OrderByDescending(a => a.Id).Select(a => new { a.TargetId, a.Details }).ToListAsync(ct);
        var rows = new List<ToldRequestor>();
        foreach (var request in requests)
        {
            foreach (var vote in request.Votes.DistinctBy(v => v.ContactEmail))
            {
                var key = ReleaseNotification.DeduplicationKey(request.Id, vote.ContactEmail);
                DateTimeOffset? at = sentAt.TryGetValue(key, out var when) ? when : null;
                var prefix = vote.ContactEmail + ": ";
                var reason = at is null
                    ? held.FirstOrDefault(h => h.TargetId == Id(request.Id) &&
                        h.Details.StartsWith(prefix, StringComparison.Ordinal))?.Details[prefix.Length..]
                    : null;
                rows.Add(new ToldRequestor(request.Id, request.Title, vote.ContactName, vote.ContactEmail, at, reason));
            }
        }
        return rows;
    }

    /// <summary>A request's own release link wins over its roadmap item's.</summary>
    private IQueryable<FeatureRequest> Linked(int releaseId)
    {
        var items = db.RoadmapItems.Where(i => i.ReleaseId == releaseId).Select(i => i.Id);
        return db.FeatureRequests.Where(r => r.ReleaseId == releaseId ||
            (r.ReleaseId == null && r.RoadmapItemId != null && items.Contains(r.RoadmapItemId.Value)));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
