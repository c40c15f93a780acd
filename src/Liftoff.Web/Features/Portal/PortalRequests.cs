using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Portal;

/// <summary>What an External user may see of a request: never internal notes, links, dates or roadmap
/// content.</summary>
public sealed record PublicRequest(long Id, string Title, string Description, string Status, int Votes, bool MyVote);

/// <summary>The signed-in External user as a requestor: their organisation and their own address.</summary>
public sealed record PortalRequestor(int OrganisationId, string Email, string Name, string UserId);

/// <summary>
/// Feature requests in the portal. What a reader sees depends on who wrote the text, never on what the
/// reader typed: a request written in the portal by the reader's organisation is shown as written (the
/// guard is not asked, so a guessed codename cannot make it vanish); other requests the organisation asked
/// for, and those staff shared with all portal users, show a title only when it passes the disclosure
/// guard for the reader. A description written by someone else is shown only to the organisations staff
/// recorded as requestors (a portal vote on a shared request does not open it), and only when it passes too.
/// </summary>
public sealed class PortalRequests(AppDbContext db, RequestIntake intake, DisclosureService disclosure)
{
    /// <summary>How many of the newest requests the suggestions look through.</summary>
    private const int SuggestionPool = 500;

    public async Task<PortalRequestor?> RequestorAsync(string? userId, CancellationToken ct = default) =>
        userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId && u.OrganisationId != null)
            .Select(u => new PortalRequestor(u.OrganisationId!.Value, u.Email ?? "", u.DisplayName, u.Id))
                .FirstOrDefaultAsync(ct);

    /// <summary>The requests the user's organisation wrote or asked for, newest first.</summary>
    public Task<IReadOnlyList<PublicRequest>> MineAsync(PortalRequestor me, CancellationToken ct = default) =>
        ShowAsync(me, Visible(me).Where(r => r.WrittenByOrganisationId == me.OrganisationId
            || r.Votes.Any(v => v.OrganisationId == me.OrganisationId)), ct);

    public async Task<IReadOnlyList<PublicRequest>> SimilarAsync(PortalRequestor me, string? title,
        string? description, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
        {
            return [];
        }
        var shown = await ShowAsync(me, Visible(me).OrderByDescending(r => r.Id).Take(SuggestionPool), ct);
        return ShownTextRanking.Top(shown, title, description, 5);
    }

    /// <summary>A double or concurrent submission of one form (same key) records one request.</summary>
    public Task<Outcome<RequestView>> SubmitAsync(
        PortalRequestor me, string? title, string? description, string? formKey, CancellationToken ct = default) =>
        intake.CreateAsync(
            new NewRequest(title ?? "", description, null, new Requestor(me.OrganisationId, me.Email, me.Name)),
            me.UserId, new PortalSubmission(me.OrganisationId, SubmissionKey(me, formKey)), ct);

    public async Task<Outcome<RequestView>> UpvoteAsync(PortalRequestor me, long requestId,
        CancellationToken ct = default)
    {
        // Only requests the user could have seen: not merged away, and not hidden from them.
        if ((await ShowAsync(me, Visible(me).Where(r => r.Id == requestId), ct)).Count == 0)
        {
            return Outcome<RequestView>.NotFound();
        }
        var outcome = await intake.AddRequestorAsync(requestId, new Requestor(me.OrganisationId, me.Email, me.Name),
            me.UserId, ct);
        return outcome.Kind == OutcomeKind.Invalid && outcome.HasError("ContactEmail")
            && outcome.Message.Contains("already counts", StringComparison.Ordinal)
            ? Outcome<RequestView>.Invalid("", "You already count on this request; your vote was not added twice.")
            : outcome;
    }

    public static string StatusLabel(FeatureRequestStatus status) => status switch
    {
        FeatureRequestStatus.UnderReview => "Under review",
        FeatureRequestStatus.InDevelopment => "In development",
        _ => status.ToString(),
    };

    /// <summary>The form's key, bound to the user so that nobody can claim another user's submission.</summary>
    private static string? SubmissionKey(PortalRequestor me, string? formKey)
    {
        if (!Guid.TryParseExact(formKey, "N", out var key))
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{me.UserId}:{key:N}"));
        return "portal:" + Convert.ToHexString(hash);
    }

    private IQueryable<FeatureRequest> Visible(PortalRequestor me) =>
        db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged
            && (r.WrittenByOrganisationId == me.OrganisationId || r.SharedWithPortal
                || r.Votes.Any(v => v.OrganisationId == me.OrganisationId)));

    private async Task<IReadOnlyList<PublicRequest>> ShowAsync(
        PortalRequestor me, IQueryable<FeatureRequest> requests, CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(me.Email);
        var org = me.OrganisationId;
        // Only public fields are read from the database at all.
        var rows = await requests.OrderByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Title,
                r.Description,
                r.Status,
                Votes = r.Votes.Count,
                Mine = r.Votes.Any(v => v.OrganisationId == org && v.ContactEmail == email),
                Written = r.WrittenByOrganisationId == org,
                // Recorded by staff or an import, not by a portal user voting for a shared request.
                AskedFor = r.Votes.Any(v => v.OrganisationId == org
                    && (v.RecordedByUserId == null
                        || !db.Users.Any(u => u.Id == v.RecordedByUserId && u.OrganisationId != null))),
            })
            .ToListAsync(ct);
        var result = new List<PublicRequest>(rows.Count);
        foreach (var r in rows)
        {
            if (r.Written)
            {
                result.Add(new PublicRequest(r.Id, r.Title, r.Description, StatusLabel(r.Status), r.Votes, r.Mine));
                continue;
            }
            if ((await disclosure.CheckAsync(r.Title, org, ct)).Blocked)
            {
                continue;
            }
            var shows = r.AskedFor && r.Description.Length > 0
                && !(await disclosure.CheckAsync(r.Description, org, ct)).Blocked;
            var description = shows ? r.Description : "";
            result.Add(new PublicRequest(r.Id, r.Title, description, StatusLabel(r.Status), r.Votes, r.Mine));
        }
        return result;
    }
}
