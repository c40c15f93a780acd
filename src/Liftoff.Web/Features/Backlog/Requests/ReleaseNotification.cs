using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record NotificationResult(long RequestId, string Release, int Queued, int AlreadyTold);

public enum RequestorOutcome
{
    Queued,
    AlreadyTold,
    HeldBack,
}

/// <summary>What happened to one requestor's message; the reason names the guard's findings when held back.</summary>
public sealed record RequestorNotice(string Email, RequestorOutcome Outcome, string? Reason);

/// <summary>
/// Tells the requestors of a request that the release delivering it is out: one email per contact
/// per request, through the outbox, never before the release is public and never past the
/// disclosure guard.
/// </summary>
public sealed class ReleaseNotification(AppDbContext db, Outbox outbox, DisclosureService disclosure, AuditLog audit)
{
    public async Task<Outcome<NotificationResult>> NotifyRequestorsAsync(long requestId, CancellationToken ct = default)
    {
        var request = await db.FeatureRequests.AsNoTracking().Include(r => r.Votes)
            .FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return Outcome<NotificationResult>.NotFound();
        }
        if (request.Status == FeatureRequestStatus.Merged)
        {
            return Outcome<NotificationResult>.Conflict($"#{requestId} is merged into #{request.MergedIntoId}; " +
                $"notify from #{request.MergedIntoId}, which holds its requestors.");
        }
        var releaseId = request.ReleaseId
            ?? (request.RoadmapItemId is { } item ? await db.RoadmapItems.Where(i => i.Id == item)
                .Select(i => i.ReleaseId).FirstOrDefaultAsync(ct) : null);
        var release = releaseId is null ? null : await db.Releases.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release is null)
        {
            return Outcome<NotificationResult>.Invalid("ReleaseId", "Link the release that delivers this request " +
                "first.");
        }
        var releaseName = ReleaseName(release);
        if (release.Status != ReleaseStatus.Released)
        {
            return Outcome<NotificationResult>.Conflict($"{releaseName} is not released yet. Requestors can be told " +
                $"only once the release is public; nothing was sent.");
        }

        var notices = await QueueAsync(request, releaseName, ct);
        var queued = notices.Count(n => n.Outcome == RequestorOutcome.Queued);
        var alreadyTold = notices.Count(n => n.Outcome == RequestorOutcome.AlreadyTold);
        var findings = notices.Where(n => n.Outcome == RequestorOutcome.HeldBack).Select(n => n.Reason!).ToList();
        if (findings.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Outcome<NotificationResult>.Invalid("", "The disclosure guard stopped the message; nothing was " +
                "sent. " + string.Join(" ", findings.Distinct()));
        }
        audit.Add("request.requestors.notified", "request", requestId.ToString(CultureInfo.InvariantCulture),
            $"{releaseName}: {queued} queued, {alreadyTold} already told");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The outbox's unique key refused a message another click queued at the same moment.
            db.ChangeTracker.Clear();
            return Outcome<NotificationResult>.Conflict("The requestors were being told by someone else at the same " +
                "moment; nobody gets the message twice. Reload to see the result.");
        }
        return Outcome<NotificationResult>.Ok(new NotificationResult(requestId, releaseName, queued, alreadyTold));
    }

    /// <summary>
    /// Queues the message for each requestor whose organisation the disclosure guard lets it through
    /// to; the caller saves. Requestors already told are counted, not told again.
    /// </summary>
    internal async Task<IReadOnlyList<RequestorNotice>> QueueAsync(FeatureRequest request, string releaseName,
        CancellationToken ct)
    {
        var notices = new List<RequestorNotice>();
        var verdicts = new Dictionary<int, DisclosureCheckResult>();
        foreach (var vote in request.Votes.OrderBy(v => v.Id).DistinctBy(v => v.ContactEmail))
        {
            var email = Compose(vote, request, releaseName);
            if (!verdicts.TryGetValue(vote.OrganisationId, out var verdict))
            {
                verdict = await disclosure.CheckAsync($"{email.Subject}\n\n{email.TextBody}", vote.OrganisationId, ct);
                verdicts[vote.OrganisationId] = verdict;
            }
            if (verdict.Blocked)
            {
                var reason = string.Join(" ",
                    verdict.BlockingFindings.Select(f => $"“{f.Text}”: {f.Reason}").Distinct());
                notices.Add(new RequestorNotice(vote.ContactEmail, RequestorOutcome.HeldBack, reason));
                continue;
            }
            var key = DeduplicationKey(request.Id, vote.ContactEmail);
            var added = await outbox.EnqueueAsync(email, "request-released", key, ct);
            var outcome = added ? RequestorOutcome.Queued : RequestorOutcome.AlreadyTold;
            notices.Add(new RequestorNotice(vote.ContactEmail, outcome, null));
        }
        return notices;
    }

    private static OutgoingEmail Compose(RequestVote vote, FeatureRequest request, string releaseName)
    {
        var greeting = string.IsNullOrWhiteSpace(vote.ContactName) ? "Hello" : $"Hello {vote.ContactName}";
        var body = $"""
            {greeting},

            you asked us for “{request.Title}”. It is now available in {releaseName}.

            Thank you for telling us what you need — it helps us decide what to build next.
            """;
        return new OutgoingEmail(vote.ContactEmail,
            string.IsNullOrWhiteSpace(vote.ContactName) ? null : vote.ContactName,
            $"Now available: {Clip(request.Title, 200)}", body);
    }

    internal static string ReleaseName(Data.Rollout.ReleaseEntity release) => string.IsNullOrWhiteSpace(release.Name)
        ? $"{release.Product} {release.Version}"
        : $"{release.Name} ({release.Product} {release.Version})";

    /// <summary>One message per contact and request, however often staff press the button.</summary>
    public static string DeduplicationKey(long requestId, string email) =>
        $"request-released:{requestId.ToString(CultureInfo.InvariantCulture)}:" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddresses.Normalise(email))))[..40];

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
