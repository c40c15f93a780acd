using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

public sealed record CampaignReportRow(string Email, string Audience, string Status, string? SentAt, string Outcome,
    string? Detail);

public sealed record CampaignReportSummary(int CampaignId, string Subject, int Sent, int Delivered, int HardBounces,
    int SoftBounces,
    int Complaints, int Unsubscribed, int SuppressedBeforeSending, int Uncertain,
        IReadOnlyList<CampaignReportRow> Rows);

/// <summary>
/// What became of a campaign: sent, delivered as far as known (sent and no bounce came back), hard and soft
/// bounces, complaints, unsubscribes after it, suppressed before sending and uncertain; per recipient and as CSV.
/// </summary>
public sealed class CampaignReport(AppDbContext db, TimeProvider clock)
{
    public async Task<CampaignReportSummary?> BuildAsync(int id, CancellationToken ct = default)
    {
        var campaign = await db.NewsletterCampaigns.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Subject })
            .FirstOrDefaultAsync(ct);
        if (campaign is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcTicks;
        var recipients = await (from r in db.NewsletterRecipients.AsNoTracking()
                                join c in db.Contacts.AsNoTracking() on r.ContactId equals c.Id
                                where r.CampaignId == id
                                orderby r.Id
                                select new
                                {
                                    r.Id,
                                    r.Email,
                                    r.Audience,
                                    r.Status,
                                    r.SentAt,
                                    r.LeaseUntil,
                                    c.UnsubscribedAt
                                }).ToListAsync(ct);
        var events = (await db.DeliveryEvents.AsNoTracking().Where(e => e.CampaignId == id)
                .Select(e => new { e.RecipientId, e.Kind, e.Status, e.Detail, e.Id }).ToListAsync(ct))
            .GroupBy(e => e.RecipientId).ToDictionary(g => g.Key ?? 0, g => g.OrderBy(e => e.Id).ToList());
        var rows = new List<CampaignReportRow>(recipients.Count);
        int sent = 0, delivered = 0, hard = 0, soft = 0, complaints = 0, unsubscribed = 0, suppressed = 0,
            uncertain = 0;
        foreach (var r in recipients)
        {
            var mine = events.GetValueOrDefault(r.Id) ?? [];
            var isSent = r.Status is RecipientStatus.Sent or RecipientStatus.MarkedDone;
            var isUncertain = r.Status == RecipientStatus.InFlight && r.LeaseUntil < now;
            var hasHard = mine.Any(e => e.Kind == DeliveryEventKind.HardBounce);
            var hasSoft = mine.Any(e => e.Kind == DeliveryEventKind.SoftBounce);
            var hasComplaint = mine.Any(e => e.Kind == DeliveryEventKind.Complaint);
            var unsub = isSent && r.SentAt is { } at && r.UnsubscribedAt is { } u && u.UtcTicks >= at;
            sent += isSent ? 1 : 0;
            delivered += isSent && !hasHard && !hasSoft ? 1 : 0;
            hard += hasHard ? 1 : 0;
            soft += hasSoft && !hasHard ? 1 : 0;
            complaints += hasComplaint ? 1 : 0;
            unsubscribed += unsub ? 1 : 0;
            suppressed += r.Status == RecipientStatus.Suppressed ? 1 : 0;
            uncertain += isUncertain ? 1 : 0;
            var outcome = hasComplaint ? "Complaint" : hasHard ? "Hard bounce" : hasSoft ? "Soft bounce"
                : unsub ? "Unsubscribed" : isSent ? "Delivered as far as known"
                : isUncertain ? "Uncertain" : r.Status == RecipientStatus.Suppressed ? "Suppressed before sending"
                    : r.Status;
            var last = mine.LastOrDefault();
            rows.Add(new CampaignReportRow(r.Email, r.Audience.ToString(), isUncertain ? "Uncertain" : r.Status,
                r.SentAt is { } s ? new DateTimeOffset(s, TimeSpan.Zero).ToString("u", CultureInfo.InvariantCulture)
                    : null,
                outcome, last is null ? null : $"{last.Status} {last.Detail}".Trim()));
        }
        return new CampaignReportSummary(id, campaign.Subject, sent, delivered, hard, soft, complaints, unsubscribed,
            suppressed, uncertain, rows);
    }

    private static readonly string[] CsvHeader = ["Email", "Audience", "Status", "SentAt", "Outcome", "Detail"];

    public static byte[] ToCsv(CampaignReportSummary report) =>
        SafeCsv.Write(new[] { CsvHeader }
            .Concat(report.Rows.Select(r => new[] { r.Email, r.Audience, r.Status, r.SentAt, r.Outcome, r.Detail })));
}
