using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Contacts of one audience: those a newsletter would reach now (consent, not unsubscribed), and why the
/// others would not.
/// </summary>
public sealed record AudienceCount(Audience Audience, int Recipients, int WithoutConsent, int Unsubscribed,
    int Suppressed = 0)
{
    public string Label => Audience == Audience.Resellers ? "resellers" : "customers";
}

/// <summary>What sending would do, shown before the sender confirms: recipients per audience.</summary>
public sealed record SendPreview(IReadOnlyList<BlockedPassage> Blocked, IReadOnlyList<AudienceCount> Counts)
{
    public int Total => Counts.Sum(c => c.Recipients);
}

/// <summary>
/// Counts a campaign's recipients per audience before it is sent or scheduled. An audience nobody would
/// receive is refused with the reason: content written for nobody is a mistake, and an empty send must
/// never pass for a sent newsletter.
/// </summary>
public sealed class NewsletterRecipientCount(AppDbContext db, NewsletterCampaigns newsletters,
    NewsletterDisclosureCheck disclosure)
{
    /// <summary>The confirm step: disclosure findings first, then the recipients per audience or the refusal.</summary>
    public async Task<Outcome<SendPreview>> PreviewAsync(int id, CancellationToken ct = default)
    {
        var campaign = await newsletters.GetAsync(id, ct);
        if (campaign is null)
        {
            return Outcome<SendPreview>.NotFound();
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return Outcome<SendPreview>.Conflict("This newsletter is already scheduled or sent.");
        }
        var blocked = await disclosure.CheckAsync(campaign, ct);
        if (blocked.Count > 0)
        {
            return Outcome<SendPreview>.Ok(new SendPreview(blocked, []));
        }
        var counts = await CountAsync(db, campaign.Audience, ct);
        return Refusal(counts) is { } refusal
            ? Outcome<SendPreview>.Invalid("Audience", refusal)
            : Outcome<SendPreview>.Ok(new SendPreview([], counts));
    }

    public static async Task<IReadOnlyList<AudienceCount>> CountAsync(AppDbContext db, CampaignAudience audience,
        CancellationToken ct = default)
    {
        var audiences = NewsletterCampaigns.Audiences(audience).ToList();
        var rows = await db.Contacts.AsNoTracking().Where(c => audiences.Contains(c.Audience))
            .GroupBy(c => new { c.Audience, c.Consent, Unsubscribed = c.UnsubscribedAt != null })
            .Select(g => new { g.Key.Audience, g.Key.Consent, g.Key.Unsubscribed, Count = g.Count() })
            .ToListAsync(ct);
        // Contacts who would receive it but are on the suppression list: shown, and left out.
        var suppressed = await db.Contacts.AsNoTracking()
            .Where(c => audiences.Contains(c.Audience) && c.Consent && c.UnsubscribedAt == null
                && db.SuppressedAddresses.Any(s => s.Email == c.NormalizedEmail))
            .GroupBy(c => c.Audience).Select(g => new { Audience = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Suppressed(Audience a) => suppressed.Where(s => s.Audience == a).Sum(s => s.Count);
        return audiences.Select(a => new AudienceCount(a,
            rows.Where(r => r.Audience == a && r.Consent && !r.Unsubscribed).Sum(r => r.Count) - Suppressed(a),
            rows.Where(r => r.Audience == a && !r.Consent && !r.Unsubscribed).Sum(r => r.Count),
            rows.Where(r => r.Audience == a && r.Unsubscribed).Sum(r => r.Count),
            Suppressed(a))).ToList();
    }

    /// <summary>Why the campaign cannot go out, in the sender's words; null if all have recipients.</summary>
    public static string? Refusal(IReadOnlyList<AudienceCount> counts)
    {
        var empty = counts.Where(c => c.Recipients == 0).ToList();
        if (empty.Count == 0)
        {
            return null;
        }
        var reasons = empty.Select(Reason);
        var advice = empty.Count < counts.Count
            ? $" Send it only to {counts.First(c => c.Recipients > 0).Label}, " +
                $"or add {empty[0].Label} contacts with consent."
            : " Add contacts with consent, or import a list, before sending.";
        return string.Join(" ", reasons) + advice;
    }

    private static string Reason(AudienceCount c)
    {
        var organisation = c.Audience == Audience.Resellers ? "reseller" : "customer";
        if (c.WithoutConsent == 0 && c.Unsubscribed == 0 && c.Suppressed == 0)
        {
            return $"There is no contact of a {organisation} organisation or {organisation} list yet.";
        }
        var why = new List<string>();
        if (c.WithoutConsent > 0)
        {
            why.Add($"{c.WithoutConsent} without consent");
        }
        if (c.Unsubscribed > 0)
        {
            why.Add($"{c.Unsubscribed} unsubscribed");
        }
        if (c.Suppressed > 0)
        {
            why.Add($"{c.Suppressed} suppressed");
        }
        return $"No contact of a {organisation} organisation has consent to receive newsletters " +
            $"({string.Join(", ", why)}).";
    }
}
