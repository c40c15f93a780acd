using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Communications;

public sealed class NewsletterModel(NewsletterCampaigns newsletters, NewsletterSending sending,
    NewsletterFollowUp followUp, NewsletterRecipientCount recipients) : PageModel
{
    public NewsletterCampaign Campaign { get; private set; } = null!;

    public CampaignProgress Progress { get; private set; } = null!;

    public IReadOnlyList<LedgerRow> Problems { get; private set; } = [];

    public IReadOnlyList<(Audience Audience, RenderedContent Content)> Previews { get; private set; } = [];

    public IReadOnlyList<BlockedPassage> Blocked { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Recipients per audience, shown for the sender to confirm before anything is scheduled.</summary>
    public SendPreview? Confirmation { get; private set; }

    /// <summary>The time being confirmed (UTC, as typed), or null for "send now".</summary>
    public DateTime? ConfirmAt { get; private set; }

    [BindProperty]
    public CampaignForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetProgressAsync(int id)
    {
        var progress = await followUp.ProgressAsync(id);
        return progress is null ? NotFound() : Partial("_Progress", progress);
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            // A release typed instead of picked from the list: say so, change nothing.
            return await ReloadAsync(id, keepInput: true);
        }
        var outcome = await newsletters.UpdateAsync(id, Input.ToInput());
        if (outcome.IsOk)
        {
            return RedirectToPage(new { id });
        }
        outcome.CopyTo(ModelState, nameof(Input));
        return await ReloadAsync(id, keepInput: true);
    }

    public async Task<IActionResult> OnPostTestSendAsync(int id)
    {
        var to = User.Identity?.Name ?? "";
        var outcome = await sending.TestSendAsync(id, to);
        return await AfterAsync(id, outcome, $"A test for each audience is on its way to {to}.");
    }

    /// <summary>
    /// First shows the recipients per audience (or why there are none) and asks to confirm; only the
    /// confirmed form schedules or sends.
    /// </summary>
    public async Task<IActionResult> OnPostScheduleAsync(int id, DateTime? scheduledAt, bool confirmed = false)
    {
        DateTimeOffset? at = scheduledAt is { } local ? new DateTimeOffset(
            DateTime.SpecifyKind(local, DateTimeKind.Utc)) : null;
        if (!confirmed)
        {
            var preview = await recipients.PreviewAsync(id);
            if (preview.Value is { Blocked.Count: > 0 } blocked)
            {
                Blocked = blocked.Blocked;
            }
            else if (preview.Value is { } counts)
            {
                (Confirmation, ConfirmAt) = (counts, scheduledAt);
            }
            else
            {
                return await AfterAsync(id, preview, "");
            }
            return await ReloadAsync(id, keepInput: false);
        }
        var outcome = await sending.ScheduleAsync(id, at);
        return await AfterAsync(id, outcome, at is null ? "Sending has started."
            : $"Scheduled for {at:yyyy-MM-dd HH:mm} UTC.");
    }

    public async Task<IActionResult> OnPostPauseAsync(int id) =>
        await AfterAsync(id, await sending.PauseAsync(id), "Paused.");

    public async Task<IActionResult> OnPostResumeAsync(int id) =>
        await AfterAsync(id, await sending.ResumeAsync(id), "Resumed.");

    public async Task<IActionResult> OnPostRetryFailedAsync(int id)
    {
        var outcome = await followUp.RetryFailedAsync(id);
        return await AfterAsync(id, outcome, $"{Plural.Count(outcome.Value, "failed recipient")} queued again.");
    }

    public async Task<IActionResult> OnPostResolveUncertainAsync(int id, bool resend)
    {
        var outcome = await followUp.ResolveUncertainAsync(id, resend);
        return await AfterAsync(id, outcome, resend
            ? $"{Plural.Count(outcome.Value, "uncertain recipient")} queued again."
                : $"{Plural.Count(outcome.Value, "uncertain recipient")} marked as done.");
    }

    private async Task<IActionResult> AfterAsync<T>(int id, Outcome<T> outcome, string message)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.Value is IReadOnlyList<BlockedPassage> { Count: > 0 } blocked)
        {
            Blocked = blocked;
        }
        else if (outcome.IsOk)
        {
            Message = message;
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        return await ReloadAsync(id, keepInput: false);
    }

    private async Task<IActionResult> ReloadAsync(int id, bool keepInput)
    {
        var input = Input;
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (keepInput)
        {
            Input = input;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var campaign = await newsletters.GetAsync(id);
        if (campaign is null)
        {
            return false;
        }
        Campaign = campaign;
        Progress = (await followUp.ProgressAsync(id))!;
        Problems = await followUp.ProblemsAsync(id);
        Previews = NewsletterCampaigns.Audiences(campaign.Audience)
            .Select(a => (a, newsletters.Preview(campaign, a))).ToList();
        Input = new CampaignForm
        {
            Subject = campaign.Subject,
            Audience = campaign.Audience,
            ReleaseId = campaign.ReleaseId,
            ResellerMarkdown = campaign.ResellerMarkdown,
            CustomerMarkdown = campaign.CustomerMarkdown,
        };
        return true;
    }
}
