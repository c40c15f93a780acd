using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.ReleaseNotes;

/// <summary>
/// The Delivery and Customer Success leads approve one exact customer-facing text. It must pass the
/// disclosure check first. Once both approved, the release's internal-notes review task completes.
/// </summary>
public sealed class ReleaseNotesApproval(
    AppDbContext db,
    DisclosureService guard,
    OverrideRequests overrideRequests,
    PlanTaskCompletion tasks,
    AuditLog audit,
    TimeProvider clock)
{
    public const string CustomerPart = "Customer-facing notes";

    /// <summary>
    /// The customer-facing text's findings; empty when it may go out. The notes are the release's
    /// announcement: what they say of the release's own items, version and date is theirs to say.
    /// </summary>
    public async Task<IReadOnlyList<BlockedText>> CheckAsync(int releaseId, string customerText,
        NotesAudience audience, CancellationToken ct = default)
    {
        var own = await guard.AnnounceAsync(releaseId, customerText, ct);
        var result = await guard.CheckAsync(customerText, new DisclosureAudience(null, audience), [own], ct);
        return result.Blocked ? [new BlockedText(CustomerPart, customerText, result.BlockingFindings)] : [];
    }

    /// <summary>
    /// Records the approval of <paramref name="userId"/> for every team among Delivery and Customer
    /// Success they currently lead, for the text whose hash they saw. Ok with findings when blocked.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<BlockedText>>> ApproveAsync(int releaseId, string? textHash, string userId,
        CancellationToken ct = default)
    {
        var notes = await db.ReleaseNotes.AsNoTracking().FirstOrDefaultAsync(n => n.ReleaseId == releaseId, ct);
        if (notes is null || string.IsNullOrWhiteSpace(notes.CustomerMarkdown))
        {
            return Outcome<IReadOnlyList<BlockedText>>.Invalid("",
                "Write the customer-facing notes before asking for approval.");
        }
        var text = ReleaseNotesText.CustomerFacing(notes);
        if (ReleaseNotesText.ApprovalHash(text, notes.Audience) != textHash)
        {
            return Outcome<IReadOnlyList<BlockedText>>.Conflict(
                "The customer-facing notes changed since you read them. " +
                "Read the current text below and approve again.");
        }
        var led = await db.Teams.AsNoTracking()
            .Where(t => t.LeadUserId == userId && (t.Key == DefaultPlaybook.DeliveryTeam
                || t.Key == DefaultPlaybook.CustomerSuccessTeam))
            .Select(t => t.Key).ToListAsync(ct);
        if (led.Count == 0)
        {
            return Outcome<IReadOnlyList<BlockedText>>.Invalid("",
                "Only the current lead of Delivery or of Customer Success can approve the customer-facing notes.");
        }
        var blocked = await CheckAsync(releaseId, text, notes.Audience, ct);
        if (blocked.Count > 0)
        {
            return Outcome<IReadOnlyList<BlockedText>>.Ok(blocked);
        }
        var now = clock.GetUtcNow();
        var delivery = led.Contains(DefaultPlaybook.DeliveryTeam);
        var success = led.Contains(DefaultPlaybook.CustomerSuccessTeam);
        // Conditional on the version read above: an edit saved in between wins and this approval is refused.
        var row = db.ReleaseNotes.Where(n => n.Id == notes.Id && n.RowVersion == notes.RowVersion);
        var won = (delivery, success) switch
        {
            (true, true) => await row.ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveryApprovedByUserId, userId)
                .SetProperty(n => n.DeliveryApprovedAt, now)
                .SetProperty(n => n.CustomerSuccessApprovedByUserId, userId)
                    .SetProperty(n => n.CustomerSuccessApprovedAt, now)
                .SetProperty(n => n.RowVersion, n => n.RowVersion + 1), ct),
            (true, false) => await row.ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveryApprovedByUserId, userId)
                .SetProperty(n => n.DeliveryApprovedAt, now)
                .SetProperty(n => n.RowVersion, n => n.RowVersion + 1), ct),
            _ => await row.ExecuteUpdateAsync(u => u.SetProperty(n => n.CustomerSuccessApprovedByUserId, userId)
                    .SetProperty(n => n.CustomerSuccessApprovedAt, now)
                .SetProperty(n => n.RowVersion, n => n.RowVersion + 1), ct),
        };
        if (won != 1)
        {
            return Outcome<IReadOnlyList<BlockedText>>.Conflict(
                "The customer-facing notes changed since you read them. " +
                "Read the current text below and approve again.");
        }
        audit.Add("release-notes.approved", "Release", Id(releaseId),
            $"approved as lead of {string.Join(" and ", led)}; text {textHash![..12]}");
        var approved = await db.ReleaseNotes.AsNoTracking().Where(n => n.Id == notes.Id)
            .Select(n => n.DeliveryApprovedByUserId != null && n.CustomerSuccessApprovedByUserId != null)
                .FirstAsync(ct);
        if (approved && await AnnounceAsync(notes, text, now, ct))
        {
            audit.Add("release-notes.announced", "Release", Id(releaseId),
                $"what the approved notes say is announced to {ReleaseAnnouncements.Describe(notes.Audience)}");
        }
        if (approved)
        {
            await tasks.CompleteAsync(releaseId, DefaultPlaybook.InternalNotesReview, userId,
                "both leads approved the customer-facing release notes", ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The other lead's approval completed the task at the same moment.
            db.ChangeTracker.Clear();
            audit.Add("release-notes.approved", "Release", Id(releaseId),
                $"approved as lead of {string.Join(" and ", led)}; text {textHash![..12]}");
            await db.SaveChangesAsync(ct);
        }
        return Outcome<IReadOnlyList<BlockedText>>.Ok([]);
    }

    /// <summary>
    /// From the second approval on, the release's items, version and dates that the approved text
    /// names pass the guard for the notes' audiences. Written only while the notes are still the
    /// version just approved: an edit in between cleared the approvals, and with them the announcement.
    /// </summary>
    private async Task<bool> AnnounceAsync(ReleaseNotesEntity notes, string text, DateTimeOffset now,
        CancellationToken ct)
    {
        var announcement = await guard.AnnounceAsync(notes.ReleaseId, text, ct);
        var stored = new ReleaseNotesEntity();
        ReleaseAnnouncements.Store(stored, announcement, now);
        return await db.ReleaseNotes.Where(n => n.Id == notes.Id && n.AnnouncedAt == null
            && n.DeliveryApprovedByUserId != null
                && n.CustomerSuccessApprovedByUserId != null &&
                n.CustomerMarkdown == notes.CustomerMarkdown
                    && n.CustomerImpactMarkdown == notes.CustomerImpactMarkdown)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.AnnouncedAt, stored.AnnouncedAt)
                .SetProperty(n => n.AnnouncedItemIds, stored.AnnouncedItemIds)
                .SetProperty(n => n.AnnouncedVersions, stored.AnnouncedVersions)
                .SetProperty(n => n.AnnouncedDates, stored.AnnouncedDates), ct) == 1;
    }

    /// <summary>A lead lets one finding of the current customer-facing text through; audited by the guard.</summary>
    public async Task<Outcome<bool>> OverrideAsync(int releaseId, int start, int length, string? reason,
        string leadUserId, CancellationToken ct = default)
    {
        var notes = await db.ReleaseNotes.AsNoTracking().FirstOrDefaultAsync(n => n.ReleaseId == releaseId, ct);
        if (notes is null)
        {
            return Outcome<bool>.NotFound();
        }
        var outcome = await guard.OverrideAsync(ReleaseNotesText.CustomerFacing(notes), null, start, length, reason,
            leadUserId, ct);
        return outcome.IsOk ? Outcome<bool>.Ok(true) : Outcome<bool>.Invalid(outcome.Errors);
    }

    /// <summary>Someone who may not override asks a lead to let one finding of the customer-facing text
    /// through.</summary>
    public async Task<Outcome<OverrideRequestView>> AskOverrideAsync(int releaseId, int start, int length,
        string? reason,
        string userId, CancellationToken ct = default)
    {
        var notes = await db.ReleaseNotes.AsNoTracking().FirstOrDefaultAsync(n => n.ReleaseId == releaseId, ct);
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new { r.Product, r.Version, r.Name }).FirstOrDefaultAsync(ct);
        if (notes is null || release is null)
        {
            return Outcome<OverrideRequestView>.NotFound();
        }
        var title = $"{CustomerPart} of {ReleaseNames.Display(release.Product, release.Version, release.Name)}";
        return await overrideRequests.AskAsync(new OverrideAsk(ReleaseNotesText.CustomerFacing(notes), null, start,
            length, reason,
            $"/Releases/{Id(releaseId)}/Notes", title), userId, ct);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
