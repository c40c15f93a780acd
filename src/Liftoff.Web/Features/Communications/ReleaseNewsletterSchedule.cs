using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Keeps a release's newsletters in step with the release: a scheduled newsletter moves with the
/// release date (same offset) and a cancelled release pauses its newsletters. Changes join the
/// caller's unit of work, so the release change and its newsletters are saved together or not at all.
/// </summary>
public sealed class ReleaseNewsletterSchedule(AppDbContext db, AuditLog audit, Outbox outbox, TimeProvider clock)
{
    /// <summary>
    /// Moves the release's campaigns that have not started yet by the same number of days as the release;
    /// a campaign already sending stays. Their owners (creator and Customer Success lead) are told.
    /// </summary>
    public async Task FollowMoveAsync(int releaseId, string releaseTitle, DateOnly oldDate, DateOnly newDate,
        CancellationToken ct = default)
    {
        var days = newDate.DayNumber - oldDate.DayNumber;
        if (days == 0)
        {
            return;
        }
        var campaigns = await db.NewsletterCampaigns.Where(c => c.ReleaseId == releaseId
            && c.Status == CampaignStatus.Scheduled && c.ScheduledAt != null)
            .ToListAsync(ct);
        foreach (var campaign in campaigns)
        {
            var old = campaign.ScheduledAt!.Value;
            campaign.ScheduledAt = old.AddDays(days);
            var change = $"Release {releaseTitle} moved from {oldDate:yyyy-MM-dd} to {newDate:yyyy-MM-dd}, so the " +
                $"newsletter \"{campaign.Subject}\" now goes out on {Format(campaign.ScheduledAt.Value)} " +
                $"instead of {Format(old)}.";
            audit.Add("newsletter.moved", "Newsletter", Id(campaign.Id), change);
            await TellOwnersAsync(campaign, $"Newsletter moved: {campaign.Subject}", change, "moved", ct);
        }
    }

    /// <summary>Pauses the release's scheduled and sending campaigns with the reason shown on their pages.</summary>
    public async Task PauseForCancelledReleaseAsync(int releaseId, string releaseTitle, CancellationToken ct = default)
    {
        var campaigns = await db.NewsletterCampaigns.Where(c => c.ReleaseId == releaseId &&
                (c.Status == CampaignStatus.Scheduled || c.Status == CampaignStatus.Sending))
            .ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var campaign in campaigns)
        {
            campaign.Status = CampaignStatus.Paused;
            campaign.PauseReason = $"Release {releaseTitle} was cancelled on {today:yyyy-MM-dd}.";
            audit.Add("newsletter.paused", "Newsletter", Id(campaign.Id), campaign.PauseReason);
            await TellOwnersAsync(campaign, $"Newsletter paused: {campaign.Subject}",
                $"{campaign.PauseReason} The newsletter \"{campaign.Subject}\" is paused and sends nothing.",
                "paused", ct);
        }
    }

    private async Task TellOwnersAsync(NewsletterCampaign campaign, string subject, string change, string kind,
        CancellationToken ct)
    {
        var lead = await db.Teams.AsNoTracking().Where(t => t.Key == DefaultPlaybook.CustomerSuccessTeam)
            .Select(t => t.LeadUserId).FirstOrDefaultAsync(ct);
        var ids = new[] { campaign.CreatedByUserId, lead }.OfType<string>().Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        // The campaign's next row version identifies this change, so a retried save never tells anyone twice.
        var version = campaign.RowVersion + 1;
        foreach (var owner in owners)
        {
            var body = $"Hello {owner.DisplayName},\n\n{change}\n\n" +
                $"Newsletter: /Communications/Newsletter/{campaign.Id}\n";
            await outbox.EnqueueAsync(new OutgoingEmail(owner.Email!, owner.DisplayName, subject, body),
                $"newsletter.{kind}", $"newsletter-{kind}:{campaign.Id}:v{version}:{owner.Id}", ct);
        }
    }

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
