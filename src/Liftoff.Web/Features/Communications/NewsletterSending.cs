using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>Sending a newsletter: test send, scheduling (fixing the recipients), pause and resume.</summary>
public sealed class NewsletterSending(
    AppDbContext db, AuditLog audit, TimeProvider clock, NewsletterCampaigns campaigns,
    NewsletterDisclosureCheck disclosure, NewsletterMessageBuilder builder, Outbox outbox)
{
    /// <summary>Sends the campaign's audiences' versions to one address (the sender's own) through the
    /// outbox.</summary>
    public async Task<Outcome<IReadOnlyList<BlockedPassage>>> TestSendAsync(int id, string toAddress,
        CancellationToken ct = default)
    {
        var campaign = await campaigns.GetAsync(id, ct);
        if (campaign is null)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.NotFound();
        }
        var blocked = await disclosure.CheckAsync(campaign, ct);
        if (blocked.Count > 0)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Ok(blocked);
        }
        foreach (var audience in NewsletterCampaigns.Audiences(campaign.Audience))
        {
            var content = builder.Render(campaign, audience);
            await outbox.EnqueueAsync(new OutgoingEmail(toAddress, null, $"[Test: {audience}] {content.Subject}",
                content.Text, content.Html), "newsletter-test", ct: ct);
        }
        audit.Add("newsletter.test-sent", "Newsletter", Id(id), toAddress);
        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<BlockedPassage>>.Ok([]);
    }

    /// <summary>
    /// Fixes the recipients (one ledger row per address with consent and not unsubscribed) and schedules
    /// sending; <paramref name="at"/> null means now. Blocked when the disclosure check finds anything.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<BlockedPassage>>> ScheduleAsync(int id, DateTimeOffset? at,
        CancellationToken ct = default)
    {
        var campaign = await campaigns.GetAsync(id, ct);
        if (campaign is null)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.NotFound();
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Conflict("This newsletter is already scheduled or sent.");
        }
        var now = clock.GetUtcNow();
        if (at is { } when && when < now.AddMinutes(-1))
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Invalid("ScheduledAt",
                "Choose a time in the future, or send now.");
        }
        var blocked = await disclosure.CheckAsync(campaign, ct);
        if (blocked.Count > 0)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Ok(blocked);
        }
        var counts = await NewsletterRecipientCount.CountAsync(db, campaign.Audience, ct);
        if (NewsletterRecipientCount.Refusal(counts) is { } nobody)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Invalid("Audience", nobody);
        }
        var scheduledAt = at ?? now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await db.NewsletterCampaigns.Where(c => c.Id == id && c.Status == CampaignStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Scheduled)
                .SetProperty(c => c.ScheduledAt, scheduledAt).SetProperty(c => c.RowVersion, c => c.RowVersion + 1),
                    ct);
        if (won != 1)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Conflict(
                "This newsletter was scheduled by someone else a moment ago.");
        }
        var audiences = NewsletterCampaigns.Audiences(campaign.Audience).Select(a => a.ToString()).ToArray();
        var first = audiences[0];
        var second = audiences[^1];
        var recipients = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NewsletterRecipients"
                ("CampaignId", "ContactId", "Email", "Name", "Audience", "Status", "Attempts",
                 "NextAttemptAt", "LeaseUntil")
            SELECT {id}, "Id", "NormalizedEmail", "Name", "Audience", 'Pending', 0, 0, 0
            FROM "Contacts"
            WHERE "Consent" AND "UnsubscribedAt" IS NULL AND ("Audience" = {first} OR "Audience" = {second})
              AND NOT EXISTS (SELECT 1 FROM "SuppressedAddresses" s WHERE s."Email" = "Contacts"."NormalizedEmail")
            ORDER BY "Id"
            ON CONFLICT DO NOTHING
            """, ct);
        // Suppressed addresses are kept in the ledger as such, so the report shows who was left out and why.
        var suppressed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NewsletterRecipients"
                ("CampaignId", "ContactId", "Email", "Name", "Audience", "Status", "Attempts",
                 "NextAttemptAt", "LeaseUntil")
            SELECT {id}, "Id", "NormalizedEmail", "Name", "Audience", 'Suppressed', 0, 0, 0
            FROM "Contacts"
            WHERE "Consent" AND "UnsubscribedAt" IS NULL AND ("Audience" = {first} OR "Audience" = {second})
              AND EXISTS (SELECT 1 FROM "SuppressedAddresses" s WHERE s."Email" = "Contacts"."NormalizedEmail")
            ORDER BY "Id"
            ON CONFLICT DO NOTHING
            """, ct);
        if (recipients == 0)
        {
            // Everyone unsubscribed since the count: the transaction rolls back and the draft stays a draft.
            return Outcome<IReadOnlyList<BlockedPassage>>.Invalid("Audience",
                "Nobody would receive this newsletter any more: every contact has unsubscribed or withdrawn consent.");
        }
        audit.Add("newsletter.scheduled", "Newsletter", Id(id),
            $"{recipients} recipient(s), {suppressed} suppressed, from {scheduledAt:u}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<IReadOnlyList<BlockedPassage>>.Ok([]);
    }

    public async Task<Outcome<bool>> PauseAsync(int id, CancellationToken ct = default)
    {
        var n = await db.NewsletterCampaigns.Where(c => c.Id == id
            && (c.Status == CampaignStatus.Sending || c.Status == CampaignStatus.Scheduled))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Paused)
                .SetProperty(c => c.PauseReason, "Paused by an operator."), ct);
        if (n == 0)
        {
            return Outcome<bool>.Conflict("Only a scheduled or sending newsletter can be paused.");
        }
        await audit.WriteAsync("newsletter.paused", "Newsletter", Id(id), ct: ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Resumes sending; recipients already sent or in flight are never handed out again.</summary>
    public async Task<Outcome<bool>> ResumeAsync(int id, CancellationToken ct = default)
    {
        // The guard runs again before anything more goes out: the roadmap may have changed since the pause.
        if (await campaigns.GetAsync(id, ct) is { Status: CampaignStatus.Paused } paused &&
            await disclosure.CheckAsync(paused, ct) is { Count: > 0 } blocked)
        {
            return Outcome<bool>.Conflict($"Not resumed: {NewsletterStartGuard.Describe(blocked)}");
        }
        var n = await db.NewsletterCampaigns.Where(c => c.Id == id && c.Status == CampaignStatus.Paused)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Sending)
                .SetProperty(c => c.PauseReason, (string?)null), ct);
        if (n == 0)
        {
            return Outcome<bool>.Conflict("Only a paused newsletter can be resumed.");
        }
        await audit.WriteAsync("newsletter.resumed", "Newsletter", Id(id), ct: ct);
        return Outcome<bool>.Ok(true);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
