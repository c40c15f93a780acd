using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog;
using Liftoff.Web.Infrastructure.Disclosure;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Portal;

/// <summary>What an External user may see of a request: never internal notes, links, dates or roadmap content.</summary>
public sealed record PublicRequest(long Id, string Title, string Description, string Status, int Votes, bool MyVote);

/// <summary>The signed-in External user as a requestor: their organisation and their own address.</summary>
public sealed record PortalRequestor(int OrganisationId, string Email, string Name, string UserId);

/// <summary>
/// Feature requests in the portal. Every title and description shown passes the disclosure guard
/// for the user's organisation: a request whose title mentions unreleased roadmap content is not
/// shown at all, a description that does is left out.
/// </summary>
public sealed class PortalRequests(AppDbContext db, BacklogService backlog, SimilarRequestEngine engine, IDisclosureCheck disclosure)
{
    public async Task<PortalRequestor?> RequestorAsync(string? userId, CancellationToken ct = default) =>
        userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId && u.OrganisationId != null)
            .Select(u => new PortalRequestor(u.OrganisationId!.Value, u.Email ?? "", u.DisplayName, u.Id)).FirstOrDefaultAsync(ct);

    /// <summary>The requests of the user's organisation (any of its contacts asked), newest first.</summary>
    public async Task<IReadOnlyList<PublicRequest>> MineAsync(PortalRequestor me, CancellationToken ct = default)
    {
        var ids = await db.RequestVotes.AsNoTracking().Where(v => v.OrganisationId == me.OrganisationId)
            .Select(v => v.RequestId).Distinct().ToListAsync(ct);
        return await ShowAsync(me, ids, ct);
    }

    public async Task<IReadOnlyList<PublicRequest>> SimilarAsync(PortalRequestor me, string? title, string? description, CancellationToken ct = default)
    {
        var hits = await engine.SearchAsync(title, description, 5, null, ct);
        var shown = await ShowAsync(me, hits.Select(h => h.Id).ToList(), ct);
        var order = hits.Select((h, i) => (h.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return shown.OrderBy(r => order[r.Id]).ToList();
    }

    public Task<Outcome<RequestView>> SubmitAsync(PortalRequestor me, string? title, string? description, CancellationToken ct = default) =>
        backlog.CreateAsync(new NewRequest(title ?? "", description, null, new Requestor(me.OrganisationId, me.Email, me.Name)), me.UserId, ct);

    public async Task<Outcome<RequestView>> UpvoteAsync(PortalRequestor me, long requestId, CancellationToken ct = default)
    {
        // Only requests the user could have seen: not merged away, and not hidden by the guard.
        if ((await ShowAsync(me, [requestId], ct)).Count == 0)
        {
            return Outcome<RequestView>.NotFound();
        }
        var outcome = await backlog.AddRequestorAsync(requestId, new Requestor(me.OrganisationId, me.Email, me.Name), me.UserId, ct);
        return outcome.Kind == OutcomeKind.Invalid && outcome.Errors.ContainsKey("ContactEmail") && outcome.Message.Contains("already counts", StringComparison.Ordinal)
            ? Outcome<RequestView>.Invalid("", "You already count on this request; your vote was not added twice.")
            : outcome;
    }

    public static string StatusLabel(FeatureRequestStatus status) => status switch
    {
        FeatureRequestStatus.UnderReview => "Under review",
        FeatureRequestStatus.InDevelopment => "In development",
        _ => status.ToString(),
    };

    private async Task<IReadOnlyList<PublicRequest>> ShowAsync(PortalRequestor me, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var email = EmailAddresses.Normalise(me.Email);
        // Only public fields are read from the database at all.
        var rows = await db.FeatureRequests.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status != FeatureRequestStatus.Merged)
            .OrderByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Title,
                r.Description,
                r.Status,
                Votes = r.Votes.Count,
                Mine = r.Votes.Any(v => v.OrganisationId == me.OrganisationId && v.ContactEmail == email),
            })
            .ToListAsync(ct);
        var result = new List<PublicRequest>(rows.Count);
        foreach (var r in rows)
        {
            if ((await disclosure.CheckAsync(r.Title, me.OrganisationId, ct)).Blocked)
            {
                continue;
            }
            var description = r.Description.Length > 0 && !(await disclosure.CheckAsync(r.Description, me.OrganisationId, ct)).Blocked ? r.Description : "";
            result.Add(new PublicRequest(r.Id, r.Title, description, StatusLabel(r.Status), r.Votes, r.Mine));
        }
        return result;
    }
}
