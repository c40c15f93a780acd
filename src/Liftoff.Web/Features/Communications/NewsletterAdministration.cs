using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

public sealed record CampaignInput(string Subject, CampaignAudience Audience, string ResellerMarkdown,
    string CustomerMarkdown, int? ReleaseId);

public sealed record CampaignSummary(int Id, string Subject, CampaignAudience Audience, CampaignStatus Status,
    DateTimeOffset? ScheduledAt, int? ReleaseId);

/// <summary>Where a campaign stands: counts from the ledger.</summary>
public sealed record CampaignProgress(int CampaignId, CampaignStatus Status, string? PauseReason, int Total, int Sent,
    int Failed, int Remaining, int Uncertain, int Skipped, int MarkedDone, int Suppressed = 0)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * (Sent + Failed + Skipped + MarkedDone) / Total);
}

public sealed record LedgerRow(long Id, string Email, string Name, Audience Audience, string Status, int Attempts,
    string? LastError);

/// <summary>A passage that blocked sending, with the part of the newsletter it was found in.</summary>
public sealed record BlockedPassage(string Part, FindingView Finding);

/// <summary>The newsletter use cases: drafts, disclosure check, preview, test send, scheduling, pause, retry,
/// uncertain.</summary>
public sealed class NewsletterAdministration(
    AppDbContext db, AuditLog audit, TimeProvider clock, DisclosureService disclosure, NewsletterMessageBuilder builder,
    Outbox outbox)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken ct = default) =>
        await db.NewsletterCampaigns.OrderByDescending(c => c.Id)
            .Select(c => new CampaignSummary(c.Id, c.Subject, c.Audience, c.Status, c.ScheduledAt, c.ReleaseId))
                .ToListAsync(ct);

    public Task<NewsletterCampaign?> GetAsync(int id, CancellationToken ct = default) =>
        db.NewsletterCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Outcome<NewsletterCampaign>> CreateAsync(CampaignInput input, string? userId,
        CancellationToken ct = default)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }
        var campaign = new NewsletterCampaign
        {
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = userId,
            Status = CampaignStatus.Draft
        };
        Apply(campaign, input);
        db.NewsletterCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        audit.Add("newsletter.created", "Newsletter", Id(campaign.Id), campaign.Subject);
        await db.SaveChangesAsync(ct);
        return Outcome<NewsletterCampaign>.Ok(campaign);
    }

    public async Task<Outcome<NewsletterCampaign>> UpdateAsync(int id, CampaignInput input,
        CancellationToken ct = default)
    {
        var campaign = await db.NewsletterCampaigns.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Outcome<NewsletterCampaign>.NotFound();
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return Outcome<NewsletterCampaign>.Conflict(
                "Only a draft can be edited; this newsletter is already scheduled or sent.");
        }
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }
        Apply(campaign, input);
        audit.Add("newsletter.edited", "Newsletter", Id(id), campaign.Subject);
        await db.SaveChangesAsync(ct);
        return Outcome<NewsletterCampaign>.Ok(campaign);
    }

    /// <summary>The message a recipient of the audience would get, without a personal unsubscribe link.</summary>
    public RenderedContent Preview(NewsletterCampaign campaign, Audience audience) =>
        builder.Render(campaign, audience);

    /// <summary>Every outgoing part of the campaign through the disclosure check; any finding blocks.</summary>
    public async Task<IReadOnlyList<BlockedPassage>> CheckDisclosureAsync(NewsletterCampaign campaign,
        CancellationToken ct = default)
    {
        var blocked = new List<BlockedPassage>();
        // The subject goes to every audience of the campaign; each content only to its own.
        var subjectAudience = campaign.Audience switch
        {
            CampaignAudience.Resellers => DisclosureAudience.Resellers,
            CampaignAudience.Customers => DisclosureAudience.Customers,
            _ => DisclosureAudience.Public,
        };
        var parts = new List<(string Part, string Text, DisclosureAudience Audience)> { ("Subject", campaign.Subject,
            subjectAudience) };
        if (campaign.Audience != CampaignAudience.Customers)
        {
            parts.Add(("Reseller content", campaign.ResellerMarkdown, DisclosureAudience.Resellers));
        }
        if (campaign.Audience != CampaignAudience.Resellers)
        {
            parts.Add(("Customer content", campaign.CustomerMarkdown, DisclosureAudience.Customers));
        }
        foreach (var (part, text, audience) in parts)
        {
            var verdict = await disclosure.CheckAsync(text, audience, ct);
            blocked.AddRange(verdict.BlockingFindings.Select(f => new BlockedPassage(part, f)));
        }
        return blocked;
    }

    /// <summary>Sends the campaign's audiences' versions to one address (the sender's own) through the
    /// outbox.</summary>
    public async Task<Outcome<IReadOnlyList<BlockedPassage>>> TestSendAsync(int id, string toAddress,
        CancellationToken ct = default)
    {
        var campaign = await GetAsync(id, ct);
        if (campaign is null)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.NotFound();
        }
        var blocked = await CheckDisclosureAsync(campaign, ct);
        if (blocked.Count > 0)
        {
            return Outcome<IReadOnlyList<BlockedPassage>>.Ok(blocked);
        }
        foreach (var audience in Audiences(campaign.Audience))
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
        var campaign = await GetAsync(id, ct);
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
        var blocked = await CheckDisclosureAsync(campaign, ct);
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
        var audiences = Audiences(campaign.Audience).Select(a => a.ToString()).ToArray();
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

    public async Task<CampaignProgress?> ProgressAsync(int id, CancellationToken ct = default)
    {
        var campaign = await GetAsync(id, ct);
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
        if (await GetAsync(id, ct) is { Status: CampaignStatus.Paused } paused &&
            await CheckDisclosureAsync(paused, ct) is { Count: > 0 } blocked)
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

    public static IEnumerable<Audience> Audiences(CampaignAudience audience) => audience switch
    {
        CampaignAudience.Resellers => [Audience.Resellers],
        CampaignAudience.Customers => [Audience.Customers],
        _ => [Audience.Resellers, Audience.Customers],
    };

    private async Task<Outcome<NewsletterCampaign>?> ValidateAsync(CampaignInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Length > 300)
        {
            errors[nameof(input.Subject)] = ["Enter a subject of at most 300 characters."];
        }
        if (input.Audience != CampaignAudience.Customers && string.IsNullOrWhiteSpace(input.ResellerMarkdown))
        {
            errors[nameof(input.ResellerMarkdown)] = ["Write the content for resellers."];
        }
        if (input.Audience != CampaignAudience.Resellers && string.IsNullOrWhiteSpace(input.CustomerMarkdown))
        {
            errors[nameof(input.CustomerMarkdown)] = ["Write the content for customers."];
        }
        if (input.ReleaseId is { } rid && !await db.Releases.AnyAsync(r => r.Id == rid, ct))
        {
            errors[nameof(input.ReleaseId)] = ["Choose an existing release."];
        }
        return errors.Count > 0 ? Outcome<NewsletterCampaign>.Invalid(errors) : null;
    }

    private static void Apply(NewsletterCampaign c, CampaignInput input)
    {
        c.Subject = input.Subject.Trim();
        c.Audience = input.Audience;
        c.ResellerMarkdown = input.ResellerMarkdown ?? "";
        c.CustomerMarkdown = input.CustomerMarkdown ?? "";
        c.ReleaseId = input.ReleaseId;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
