using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Starts scheduled newsletters that are due, running the disclosure check again at that moment: the
/// roadmap may have changed since the newsletter was scheduled. A finding pauses the campaign with the
/// passage and the audience it would have reached, and nothing is sent.
/// </summary>
public sealed class NewsletterStartGuard(AppDbContext db, NewsletterDisclosureCheck disclosure, AuditLog audit,
    TimeProvider clock)
{
    public async Task StartDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.NewsletterCampaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Scheduled && c.ScheduledAt <= now)
            .OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var campaign in due)
        {
            var blocked = await disclosure.CheckAsync(campaign, ct);
            var reason = blocked.Count == 0 ? null : Truncate($"Not sent: {Describe(blocked)}");
            // Only the version read here starts: a campaign moved or paused meanwhile waits for the next pass.
            var won = await db.NewsletterCampaigns.Where(c => c.Id == campaign.Id
                && c.Status == CampaignStatus.Scheduled &&
                    c.RowVersion == campaign.RowVersion)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, reason == null ? CampaignStatus.Sending
                    : CampaignStatus.Paused)
                    .SetProperty(c => c.PauseReason, reason)
                    .SetProperty(c => c.RowVersion, c => c.RowVersion + 1), ct);
            if (won == 1 && reason is not null)
            {
                await audit.WriteAsync("newsletter.paused", "Newsletter",
                    campaign.Id.ToString(CultureInfo.InvariantCulture), reason, ct: ct);
            }
        }
    }

    /// <summary>The passages that block, each with the audience it would have reached.</summary>
    public static string Describe(IReadOnlyList<BlockedPassage> blocked) =>
        "at the moment of sending, the disclosure check found " +
        string.Join("; ", blocked.Select(b => $"\"{b.Finding.Text}\" in the {Where(b.Part)} ({b.Finding.Reason})")) +
        ". Nothing was sent.";

    private static string Where(string part) => part switch
    {
        "Reseller content" => "content for resellers",
        "Customer content" => "content for customers",
        _ => "subject (every audience)",
    };

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..997] + "...";
}
