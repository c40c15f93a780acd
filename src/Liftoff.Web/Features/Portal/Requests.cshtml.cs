using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Portal;

/// <summary>External users submit requests (seeing similar ones while typing), upvote, and follow their organisation's
/// requests.</summary>
public sealed class RequestsModel(PortalRequests requests) : PageModel
{
    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? Description { get; set; }

    /// <summary>One key per rendered form: submitting the same form twice records one request.</summary>
    [BindProperty]
    public string? SubmissionKey { get; set; }

    public PortalRequestor? Me { get; private set; }

    public IReadOnlyList<PublicRequest> Mine { get; private set; } = [];

    public IReadOnlyList<PublicRequest> Suggestions { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        SubmissionKey ??= Guid.NewGuid().ToString("N");
        Me = await requests.RequestorAsync(User.UserId(), HttpContext.RequestAborted);
        Mine = Me is null ? [] : await requests.MineAsync(Me, HttpContext.RequestAborted);
    }

    /// <summary>Live suggestions while typing: public fields only.</summary>
    public async Task<IActionResult> OnGetSimilarAsync(string? title, string? description)
    {
        Me = await requests.RequestorAsync(User.UserId(), HttpContext.RequestAborted);
        Suggestions = Me is null ? [] : await requests.SimilarAsync(Me, title, description, HttpContext.RequestAborted);
        return Partial("_PortalSuggestions", this);
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        Me = await requests.RequestorAsync(User.UserId(), HttpContext.RequestAborted);
        if (Me is null)
        {
            ModelState.AddModelError("",
                "Your account does not belong to an organisation, so it cannot submit requests.");
        }
        else
        {
            var outcome = await requests.SubmitAsync(Me, Title, Description, SubmissionKey, HttpContext.RequestAborted);
            outcome.CopyTo(ModelState);
            if (outcome.IsOk)
            {
                Message = $"Thank you: your request “{outcome.Value!.Title}” was recorded.";
                Title = "";
                Description = null;
                SubmissionKey = null;
                ModelState.Clear();
            }
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUpvoteAsync(long id)
    {
        Me = await requests.RequestorAsync(User.UserId(), HttpContext.RequestAborted);
        if (Me is null)
        {
            ModelState.AddModelError("", "Your account does not belong to an organisation, so it cannot vote.");
        }
        else
        {
            var outcome = await requests.UpvoteAsync(Me, id, HttpContext.RequestAborted);
            if (outcome.Kind == OutcomeKind.NotFound)
            {
                return NotFound();
            }
            outcome.CopyTo(ModelState);
            if (outcome.IsOk)
            {
                Message =
                    $"Your vote was added to “{outcome.Value!.Title}”: it now has " +
                        $"{Plural.Count(outcome.Value.Votes, "vote")}.";
                Title = "";
                Description = null;
            }
        }
        await OnGetAsync();
        return Page();
    }
}
