using System.Security.Claims;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.ReleaseNotes;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Communications;

public sealed class CampaignForm
{
    public string Subject { get; set; } = "";

    public CampaignAudience Audience { get; set; }

    [PickedId("Choose the release from the list: type part of its name or version.")]
    public int? ReleaseId { get; set; }

    public string ResellerMarkdown { get; set; } = "";

    public string CustomerMarkdown { get; set; } = "";

    public CampaignInput ToInput() => new(Subject ?? "", Audience, ResellerMarkdown ?? "", CustomerMarkdown ?? "",
        ReleaseId);
}

public sealed class IndexModel(NewsletterCampaigns newsletters, ReleaseNotesEditing releaseNotes) : PageModel
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public string? Prefilled { get; private set; }

    /// <summary>With <paramref name="fromRelease"/>, the form starts from that release's approved customer-facing
    /// notes.</summary>
    public async Task OnGetAsync(int? fromRelease = null)
    {
        Campaigns = await newsletters.ListAsync();
        if (fromRelease is { } releaseId && await releaseNotes.GetAsync(releaseId) is { } notes)
        {
            if (!notes.Approved)
            {
                ModelState.AddModelError("",
                    "The release notes are not approved by both leads yet, so the form was not filled from them.");
                return;
            }
            Input = new CampaignForm
            {
                Subject = $"{notes.ReleaseTitle}: what is new",
                Audience = CampaignAudience.Both,
                ReleaseId = releaseId,
                ResellerMarkdown = notes.CustomerText,
                CustomerMarkdown = notes.CustomerText,
            };
            Prefilled = $"The form is filled from the approved release notes of {notes.ReleaseTitle}.";
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!ModelState.IsValid)
        {
            // A release typed instead of picked from the list: say so, change nothing.
            Campaigns = await newsletters.ListAsync();
            return Page();
        }
        var outcome = await newsletters.CreateAsync(Input.ToInput(), User.FindFirstValue(ClaimTypes.NameIdentifier));
        if (outcome.IsOk)
        {
            return RedirectToPage("/Communications/Newsletter", new { id = outcome.Value!.Id });
        }
        outcome.CopyTo(ModelState, nameof(Input));
        Campaigns = await newsletters.ListAsync();
        return Page();
    }
}
