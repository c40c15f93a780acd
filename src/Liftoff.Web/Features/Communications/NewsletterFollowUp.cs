using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>Where a campaign stands: counts from the ledger.</summary>
public sealed record CampaignProgress(int CampaignId, CampaignStatus Status, string? PauseReason, int Total, int Sent,
    int Failed, int Remaining, int Uncertain, int Skipped, int MarkedDone, int Suppressed = 0)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * (Sent + Failed + Skipped + MarkedDone) / Total);
}

public sealed record LedgerRow(long Id, string Email, string Name, Audience Audience, string Status, int Attempts,
    string? LastError);

/// <summary>
/// A campaign's recipients once it is on its way: progress from the ledger, and the operator's follow-up on
/// failed and uncertain recipients.
/// </summary>
public sealed class NewsletterFollowUp(AppDbContext db, AuditLog audit, TimeProvider clock,
    NewsletterCampaigns campaigns)
{
    public async Task<CampaignProgress?> ProgressAsync(int id, CancellationToken ct = default)
    {
        var campaign = await campaigns.GetAsync(id, ct);
        if (campaign is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcTicks;
        var counts = await db.NewsletterRecipients.Where(r => r.CampaignId == id)
            .GroupBy(r => new { r.Status, Expired = r.LeaseUntil < now })
            .Select(g => new { g.Key.Status, g.Key.Expired, Count = g.Count() }).ToListAsync(ct);
        int Count(string status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var uncertain = counts.Where(c => c.Status == RecipientStatus.InFlight && c.Expired).Sum(c => c.Count);
        var remaining = Count(RecipientStatus.Pending) + Count(RecipientStatus.Claimed)
            + Count(RecipientStatus.InFlight) - uncertain;
        var suppressed = Count(RecipientStatus.Suppressed);
        return new CampaignProgress(id, campaign.Status, campaign.PauseReason, counts.Sum(c => c.Count) - suppressed,
            Count(RecipientStatus.Sent), Count(RecipientStatus.Failed),
            remaining, uncertain, Count(RecipientStatus.Skipped), Count(RecipientStatus.MarkedDone), suppressed);
    }

    /// <summary>Failed recipients and uncertain ones (in flight when a sender died), for the operator to act
    /// on.</summary>
    public async Task<IReadOnlyList<LedgerRow>> ProblemsAsync(int id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        return await db.NewsletterRecipients.Where(r => r.CampaignId == id && (r.Status == RecipientStatus.Failed
                || (r.Status == RecipientStatus.InFlight && r.LeaseUntil < now)))
            .OrderBy(r => r.Id).Take(500)
            .Select(r => new LedgerRow(r.Id, r.Email, r.Name, r.Audience, r.Status == RecipientStatus.InFlight
                ? "Uncertain" : r.Status, r.Attempts, r.LastError))
            .ToListAsync(ct);
    }

    /// <summary>Puts permanently failed recipients back in the queue.</summary>
    public async Task<Outcome<int>> RetryFailedAsync(int id, CancellationToken ct = default)
    {
        if (await CompletedAsync(id, ct) is { } completed)
        {
            return completed;
        }
        var now = clock.GetUtcNow().UtcTicks;
        var n = await db.NewsletterRecipients.Where(r => r.CampaignId == id && r.Status == RecipientStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.Pending)
                .SetProperty(r => r.Attempts, 0).SetProperty(r => r.NextAttemptAt, now)
                    .SetProperty(r => r.ClaimedBy, (string?)null), ct);
        return await AuditedAsync(id, n, "newsletter.failed-retried", ct);
    }

    /// <summary>
    /// The operator's decision on uncertain recipients (in flight when a sender died; SMTP cannot say whether
    /// they arrived): send them again, or count them as done.
    /// </summary>
    public async Task<Outcome<int>> ResolveUncertainAsync(int id, bool resend, CancellationToken ct = default)
    {
        if (resend && await CompletedAsync(id, ct) is { } completed)
        {
            return completed;
        }
        var now = clock.GetUtcNow().UtcTicks;
        var uncertain = db.NewsletterRecipients.Where(r => r.CampaignId == id && r.Status == RecipientStatus.InFlight
            && r.LeaseUntil < now);
        var n = resend
            ? await uncertain.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.Pending)
                .SetProperty(r => r.NextAttemptAt, now).SetProperty(r => r.ClaimedBy, (string?)null), ct)
            : await uncertain.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.MarkedDone), ct);
        return resend
            ? await AuditedAsync(id, n, "newsletter.uncertain-resent", ct)
            : await AuditedAsync(id, n, "newsletter.uncertain-marked-done", ct);
    }

    /// <summary>A completed newsletter is final: it completed its task, so nothing more is sent from it.</summary>
    private async Task<Outcome<int>?> CompletedAsync(int id, CancellationToken ct) =>
        await db.NewsletterCampaigns.AnyAsync(c => c.Id == id && c.Status == CampaignStatus.Completed, ct)
            ? Outcome<int>.Conflict(
                "This newsletter is completed; nothing more is sent from it. Create a new newsletter instead.")
            : null;

    private async Task<Outcome<int>> AuditedAsync(int id, int count, string action, CancellationToken ct)
    {
        await audit.WriteAsync(action, "Newsletter", Id(id), $"{count} recipient(s)", ct: ct);
        return Outcome<int>.Ok(count);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
