using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>A request as people read it: the passage, why it was flagged, why it should go out, and the
/// decision.</summary>
public sealed record OverrideRequestView(
    int Id,
    string Passage,
    string Excerpt,
    string Finding,
    string Reason,
    string Source,
    string SourceTitle,
    string RequestedBy,
    string RequestedByUserId,
    DateTimeOffset RequestedAt,
    OverrideRequestStatus Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment);

/// <summary>What someone asks a lead to let through.</summary>
/// <param name="Source">The page the text is on (a local path), to go back to.</param>
/// <param name="SourceTitle">What the text is, in words.</param>
public sealed record OverrideAsk(string Text, int? AudienceOrganisationId, int Start, int Length, string? Reason,
    string Source,
    string SourceTitle);

/// <summary>
/// People who may not override ask a lead to let one finding through; a lead other than the asker allows
/// it (the override is recorded for that exact text) or declines it with a comment. Pending requests wait
/// in the leads' "Waiting for you".
/// </summary>
public sealed class OverrideRequests(
    AppDbContext db,
    DisclosureService guard,
    AuditLog audit,
    TimeProvider clock,
    UserManager<AppUser> users)
{
    public const string AskedMessage = "A lead has been asked to let this passage through. It waits in their list; " +
        "you will see the decision under Roadmap → Override requests.";

    private const int ExcerptContext = 80;

    public async Task<Outcome<OverrideRequestView>> AskAsync(OverrideAsk ask, string userId,
        CancellationToken ct = default)
    {
        var reason = ask.Reason?.Trim() ?? "";
        if (reason.Length < 5)
        {
            return Outcome<OverrideRequestView>.Invalid("Reason",
                "Say why this passage should go out as it is (at least 5 characters), so the lead can decide.");
        }
        if (reason.Length > 2000)
        {
            return Outcome<OverrideRequestView>.Invalid("Reason", "Keep the reason under 2,000 characters.");
        }
        var current = await guard.CheckAsync(ask.Text, ask.AudienceOrganisationId, ct);
        var finding = current.Findings.FirstOrDefault(f => f.Start == ask.Start && f.Length == ask.Length);
        if (finding is null)
        {
            return Outcome<OverrideRequestView>.Invalid("Start",
                "This passage is no longer flagged in the text. Check the text again to see what is left.");
        }
        var hash = DisclosureService.Hash(ask.Text);
        var pending = await db.OverrideRequests.AnyAsync(r => r.TextHash == hash && r.Start == ask.Start &&
            r.Length == ask.Length && r.AudienceOrganisationId == ask.AudienceOrganisationId &&
            r.Status == OverrideRequestStatus.Pending, ct);
        if (pending)
        {
            return Outcome<OverrideRequestView>.Invalid("Start",
                "A lead has already been asked about this passage; the request waits in their list.");
        }
        var request = new DisclosureOverrideRequest
        {
            Text = ask.Text,
            TextHash = hash,
            AudienceOrganisationId = ask.AudienceOrganisationId,
            Start = ask.Start,
            Length = ask.Length,
            MatchedText = Cut(finding.Text, 500),
            Finding = Cut(finding.Reason, 500),
            Reason = reason,
            Source = LocalPath(ask.Source),
            SourceTitle = Cut(ask.SourceTitle.Trim(), 300),
            RequestedByUserId = userId,
            RequestedAt = clock.GetUtcNow(),
            Status = OverrideRequestStatus.Pending,
        };
        db.OverrideRequests.Add(request);
        audit.Add("disclosure.override.requested", "disclosure", null, $"\"{request.MatchedText}\": {reason}");
        await db.SaveChangesAsync(ct);
        return Outcome<OverrideRequestView>.Ok(await ViewAsync(request.Id, ct));
    }

    /// <summary>Pending requests first (oldest first), then the latest decided ones.</summary>
    public async Task<IReadOnlyList<OverrideRequestView>> ListAsync(string? requestedBy = null,
        CancellationToken ct = default)
    {
        var q = db.OverrideRequests.AsNoTracking();
        if (requestedBy is not null)
        {
            q = q.Where(r => r.RequestedByUserId == requestedBy);
        }
        var pending = await q.Where(r => r.Status == OverrideRequestStatus.Pending).OrderBy(r => r.Id).Take(500)
            .ToListAsync(ct);
        var decided = await q.Where(r => r.Status != OverrideRequestStatus.Pending).OrderByDescending(r => r.Id)
            .Take(50)
            .ToListAsync(ct);
        return await ViewsAsync([.. pending, .. decided], ct);
    }

    public async Task<Outcome<OverrideRequestView>> GetAsync(int id, CancellationToken ct = default) =>
        await db.OverrideRequests.AnyAsync(r => r.Id == id, ct)
            ? Outcome<OverrideRequestView>.Ok(await ViewAsync(id, ct))
            : Outcome<OverrideRequestView>.NotFound();

    /// <summary>Whether this person may decide requests: a lead or an Admin, never on their own request.</summary>
    public async Task<bool> CanDecideAsync(string requesterId, string deciderId, CancellationToken ct = default)
    {
        if (requesterId == deciderId)
        {
            return false;
        }
        var decider = await users.FindByIdAsync(deciderId);
        return decider is { IsActive: true } &&
            (await users.IsInRoleAsync(decider, Roles.Lead) || await users.IsInRoleAsync(decider, Roles.Admin));
    }

    /// <summary>
    /// Allows (records the override for the exact text) or declines (a comment is required) a pending request.
    /// Only one decision wins when two leads decide at once.
    /// </summary>
    public async Task<Outcome<OverrideRequestView>> DecideAsync(int id, bool allow, string? comment, string deciderId,
        CancellationToken ct = default)
    {
        var request = await db.OverrideRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome<OverrideRequestView>.NotFound();
        }
        if (request.Status != OverrideRequestStatus.Pending)
        {
            return Outcome<OverrideRequestView>.Conflict("This request has already been decided.");
        }
        if (!await CanDecideAsync(request.RequestedByUserId, deciderId, ct))
        {
            return Outcome<OverrideRequestView>.Invalid("",
                "Only a lead or an Admin may decide, and never on their own request.");
        }
        comment = comment?.Trim();
        if (!allow && string.IsNullOrEmpty(comment))
        {
            return Outcome<OverrideRequestView>.Invalid("Comment",
                "Say why the passage may not go out, so the asker can reword it.");
        }
        if (comment?.Length > 2000)
        {
            return Outcome<OverrideRequestView>.Invalid("Comment", "Keep the comment under 2,000 characters.");
        }
        var status = allow ? OverrideRequestStatus.Allowed : OverrideRequestStatus.Declined;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.OverrideRequests.Where(r => r.Id == id && r.Status == OverrideRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedByUserId, deciderId)
                .SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecisionComment, comment), ct);
        if (claimed == 0)
        {
            return Outcome<OverrideRequestView>.Conflict("Someone decided this request meanwhile.");
        }
        if (allow)
        {
            var asker = await db.Users.AsNoTracking().Where(u => u.Id == request.RequestedByUserId)
                .Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "someone";
            var reason = string.IsNullOrEmpty(comment) ? $"{request.Reason} (asked by {asker})"
                : $"{comment} (asked by {asker})";
            // The passage may have stopped being flagged meanwhile (the item shipped, a statement was approved):
            // then there is nothing to let through and the request is simply allowed.
            var overridden = await guard.OverrideAsync(request.Text, request.AudienceOrganisationId, request.Start,
                request.Length, Cut(reason, 2000), deciderId, ct);
            if (!overridden.IsOk && overridden.HasError("Reason"))
            {
                await tx.RollbackAsync(ct);
                return Outcome<OverrideRequestView>.Invalid("Comment", overridden.Message);
            }
        }
        audit.Add(allow ? "disclosure.override.allowed" : "disclosure.override.declined", "disclosure",
            id.ToString(CultureInfo.InvariantCulture),
                $"\"{request.MatchedText}\"{(comment is { Length: > 0 } ? ": " + comment : "")}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<OverrideRequestView>.Ok(await ViewAsync(id, ct));
    }

    private async Task<OverrideRequestView> ViewAsync(int id, CancellationToken ct) =>
        (await ViewsAsync([await db.OverrideRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct)], ct))[0];

    private async Task<IReadOnlyList<OverrideRequestView>> ViewsAsync(List<DisclosureOverrideRequest> rows,
        CancellationToken ct)
    {
        var ids = rows.SelectMany(r => new[] { r.RequestedByUserId, r.DecidedByUserId }).OfType<string>().Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(string? userId) => userId is null ? "" : names.GetValueOrDefault(userId) ?? "a former user";
        return rows.Select(r => new OverrideRequestView(r.Id, r.MatchedText, Excerpt(r), r.Finding, r.Reason, r.Source,
            r.SourceTitle, Name(r.RequestedByUserId), r.RequestedByUserId, r.RequestedAt, r.Status,
            r.DecidedByUserId is null ? null : Name(r.DecidedByUserId), r.DecidedAt, r.DecisionComment)).ToList();
    }

    /// <summary>The passage with some text on either side, so the lead sees it in context.</summary>
    private static string Excerpt(DisclosureOverrideRequest r)
    {
        if (r.Start < 0 || r.Start + r.Length > r.Text.Length)
        {
            return r.MatchedText;
        }
        var from = Math.Max(0, r.Start - ExcerptContext);
        var to = Math.Min(r.Text.Length, r.Start + r.Length + ExcerptContext);
        return (from > 0 ? "…" : "") + r.Text[from..to] + (to < r.Text.Length ? "…" : "");
    }

    /// <summary>Only a path on this site is kept as the way back, so a request can never send a lead
    /// elsewhere.</summary>
    private static string LocalPath(string? source) =>
        source is { Length: > 1 and <= 300 } && source[0] == '/' && source[1] != '/' && source[1] != '\\' ? source
            : "/Disclosure";

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
