using System.Security.Claims;
using Liftoff.Data.Communications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Communications;

public sealed class CampaignForm
{
    public string Subject { get; set; } = "";

    public CampaignAudience Audience { get; set; }

    public int? ReleaseId { get; set; }

    public string ResellerMarkdown { get; set; } = "";

    public string CustomerMarkdown { get; set; } = "";

    public CampaignInput ToInput() => new(Subject ?? "", Audience, ResellerMarkdown ?? "", CustomerMarkdown ?? "", ReleaseId);
}

public sealed class IndexModel(NewsletterAdministration newsletters) : PageModel
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public async Task OnGetAsync() => Campaigns = await newsletters.ListAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await newsletters.CreateAsync(Input.ToInput(), User.FindFirstValue(ClaimTypes.NameIdentifier));
        if (outcome.IsOk)
        {
            return RedirectToPage("/Communications/Newsletter", new { id = outcome.Value!.Id });
        }
        outcome.CopyTo(ModelState, nameof(Input));
        await OnGetAsync();
        return Page();
    }
}
