using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

public sealed record CampaignInput(string Subject, CampaignAudience Audience, string ResellerMarkdown,
    string CustomerMarkdown, int? ReleaseId);

public sealed record CampaignSummary(int Id, string Subject, CampaignAudience Audience, CampaignStatus Status,
    DateTimeOffset? ScheduledAt, int? ReleaseId);

/// <summary>Newsletter campaigns as drafts: list, read, create, edit and preview.</summary>
public sealed class NewsletterCampaigns(
    AppDbContext db, AuditLog audit, TimeProvider clock, NewsletterMessageBuilder builder)
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

    /// <summary>The audiences a campaign reaches, each with its own version of the content.</summary>
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
