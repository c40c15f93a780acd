using Liftoff.Data.Communications;
using Liftoff.Web.Features.Disclosure;

namespace Liftoff.Web.Features.Communications;

/// <summary>A passage that blocked sending, with the part of the newsletter it was found in.</summary>
public sealed record BlockedPassage(string Part, FindingView Finding);

/// <summary>Runs every outgoing part of a newsletter through the disclosure check before it may be sent.</summary>
public sealed class NewsletterDisclosureCheck(DisclosureService disclosure)
{
    /// <summary>Every outgoing part of the campaign through the disclosure check; any finding blocks.</summary>
    public async Task<IReadOnlyList<BlockedPassage>> CheckAsync(NewsletterCampaign campaign,
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
}
