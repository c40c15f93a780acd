using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Organisation;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Disclosure;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using GuardItem = Liftoff.Domain.Disclosure.RoadmapItem;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>
/// Runs the disclosure guard against the current roadmap, the approved statements for the audience
/// and the overrides leads gave. Every outgoing text goes through here: knowledge-base articles,
/// customer-facing release notes, newsletters, the lending-shop notice, portal texts and any email
/// to external contacts.
/// </summary>
public sealed class DisclosureService(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    // Compiled matchers keyed by a fingerprint read from the database, so every instance sees roadmap changes at once.
    private static readonly ConcurrentDictionary<string, DisclosureGuard> Guards = new();

    // Read once per request (this service is scoped): a portal page checks many texts.
    private List<(NotesAudience Audience, Announcement Announcement)>? _announcements;
    private List<ApprovedStatement>? _library;

    public Task<DisclosureCheckResult> CheckAsync(string? text, int? audienceOrganisationId,
        CancellationToken ct = default) =>
        CheckAsync(text, DisclosureAudience.Of(audienceOrganisationId), [], ct);

    public Task<DisclosureCheckResult> CheckAsync(string? text, DisclosureAudience audience,
        CancellationToken ct = default) =>
        CheckAsync(text, audience, [], ct);

    /// <param name="extra">Announcements to count as made, e.g. the one a release's notes would make once
    /// approved.</param>
    public async Task<DisclosureCheckResult> CheckAsync(string? text, DisclosureAudience audience,
        IReadOnlyList<Announcement> extra, CancellationToken ct = default)
    {
        var guard = await GuardAsync(ct);
        var org = audience.OrganisationId?.ToString(CultureInfo.InvariantCulture);
        var approved = new List<ApprovedStatement>(await LibraryAsync(ct));
        if (audience.OrganisationId is { } orgId)
        {
            approved.AddRange((await db.ExternalStatements.AsNoTracking()
                .Where(s => s.OrganisationId == orgId && s.Status == StatementStatus.Approved)
                .Select(s => s.Text).ToListAsync(ct)).Select(t => new ApprovedStatement(org, t)));
        }
        var groups = await GroupsAsync(audience, ct);
        var announced = (await AnnouncementsAsync(ct)).Where(a => groups != 0 && (a.Audience & groups) == groups)
            .Select(a => a.Announcement).Concat(extra).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var result = guard.Check(text, org, approved, today, announced);
        if (result.Status == DisclosureStatus.Refused)
        {
            return new DisclosureCheckResult(result.Status, [], result.RefusalReason, 0);
        }
        var hash = Hash(text ?? "");
        var overrides = await db.Set<DisclosureOverride>().AsNoTracking()
            .Where(o => o.TextHash == hash && o.AudienceOrganisationId == audience.OrganisationId).ToListAsync(ct);
        var remaining = result.Findings.Where(f => !overrides.Any(o => o.Start == f.Start && o.Length == f.Length))
            .Select(f => new FindingView(f.Start, f.Length, text!.Substring(f.Start, f.Length), f.Kind, f.Item?.Title,
                f.Reason, f.InHiddenContent))
            .ToList();
        var status = remaining.Count == 0 ? DisclosureStatus.Clear : DisclosureStatus.Leaks;
        return new DisclosureCheckResult(status, remaining, null, result.Findings.Count - remaining.Count);
    }

    /// <summary>
    /// What approving <paramref name="notesText"/> announces for the release: its linked roadmap
    /// items the text names, its version and the dates the text gives for it.
    /// </summary>
    public async Task<Announcement> AnnounceAsync(int releaseId, string notesText, CancellationToken ct = default)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new { r.Version, r.PlannedDate }).FirstOrDefaultAsync(ct);
        if (release is null)
        {
            return Announcement.None;
        }
        var itemIds = (await db.RoadmapItems.AsNoTracking().Where(i => i.ReleaseId == releaseId).Select(i => i.Id)
            .ToListAsync(ct))
            .Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (await GuardAsync(ct)).Announce(notesText, itemIds, release.Version, release.PlannedDate, today);
    }

    private async Task<NotesAudience> GroupsAsync(DisclosureAudience audience, CancellationToken ct)
    {
        if (audience.OrganisationId is not { } id)
        {
            return audience.Groups;
        }
        var kind = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => (OrganisationKind?)o.Kind)
            .FirstOrDefaultAsync(ct);
        return kind switch
        {
            OrganisationKind.Reseller => NotesAudience.Resellers,
            OrganisationKind.Customer => NotesAudience.Customers,
            _ => 0,
        };
    }

    /// <summary>The library's phrasings name nothing, so they may be said to anyone without asking.</summary>
    private async Task<List<ApprovedStatement>> LibraryAsync(CancellationToken ct) =>
        _library ??= (await db.ApprovedPhrasings.AsNoTracking().Where(p => p.IsActive).Select(p => p.Text)
            .ToListAsync(ct))
            .Select(t => new ApprovedStatement(null, t)).ToList();

    /// <summary>Announcements of releases that have not shipped yet (shipped items are public anyway) and were not
    /// cancelled.</summary>
    private async Task<List<(NotesAudience Audience, Announcement Announcement)>> AnnouncementsAsync(
        CancellationToken ct)
    {
        if (_announcements is not null)
        {
            return _announcements;
        }
        var rows = await db.ReleaseNotes.AsNoTracking()
            .Where(n => n.AnnouncedAt != null && db.Releases.Any(r => r.Id == n.ReleaseId
                && r.Status != ReleaseStatus.Cancelled))
            .Select(n => new { n.Audience, n.AnnouncedItemIds, n.AnnouncedVersions, n.AnnouncedDates }).ToListAsync(ct);
        return _announcements = rows.Select(r => (r.Audience, ReleaseAnnouncements.Parse(r.AnnouncedItemIds,
            r.AnnouncedVersions,
                r.AnnouncedDates))).ToList();
    }

    /// <summary>A lead lets one finding of one exact text through, with a reason; audited.</summary>
    public async Task<Outcome<DisclosureCheckResult>> OverrideAsync(string text, int? audienceOrganisationId,
        int start, int length, string? reason, string leadUserId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
        {
            return Outcome<DisclosureCheckResult>.Invalid("Reason",
                "Give a reason for letting this through (at least 5 characters).");
        }
        var current = await CheckAsync(text, audienceOrganisationId, ct);
        var finding = current.Findings.FirstOrDefault(f => f.Start == start && f.Length == length);
        if (finding is null)
        {
            return Outcome<DisclosureCheckResult>.Invalid("Start", "There is no such finding in this text.");
        }
        db.Set<DisclosureOverride>().Add(new DisclosureOverride
        {
            TextHash = Hash(text),
            AudienceOrganisationId = audienceOrganisationId,
            Start = start,
            Length = length,
            MatchedText = finding.Text.Length > 500 ? finding.Text[..500] : finding.Text,
            Reason = reason.Trim(),
            LeadUserId = leadUserId,
            At = clock.GetUtcNow(),
        });
        audit.Add("disclosure.override", "disclosure", null,
            $"\"{finding.Text}\" ({finding.Kind}) for organisation " +
                $"{audienceOrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "public"}: " +
                    $"{reason.Trim()}");
        await db.SaveChangesAsync(ct);
        return Outcome<DisclosureCheckResult>.Ok(await CheckAsync(text, audienceOrganisationId, ct));
    }

    private async Task<DisclosureGuard> GuardAsync(CancellationToken ct)
    {
        var count = await db.RoadmapItems.CountAsync(ct);
        var updated = await db.RoadmapItems.MaxAsync(i => (DateTimeOffset?)i.UpdatedAt, ct);
        var shipped = await db.RoadmapItems.CountAsync(i => i.Release != null
            && i.Release.Status == ReleaseStatus.Released, ct);
        var key = $"{count}:{updated?.UtcTicks}:{shipped}";
        if (Guards.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var items = await db.RoadmapItems.AsNoTracking().Include(i => i.Release).ToListAsync(ct);
        var guard = new DisclosureGuard(items.Select(i => new GuardItem(
            i.Title, i.Codename, i.AliasList.ToList(), i.Target, i.Release?.Status == ReleaseStatus.Released,
                i.VersionList.ToList())
        { Id = i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        if (Guards.Count > 16)
        {
            Guards.Clear();
        }
        Guards[key] = guard;
        return guard;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
