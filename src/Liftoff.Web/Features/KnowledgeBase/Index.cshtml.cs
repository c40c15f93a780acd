using Liftoff.Data.KnowledgeBase;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.KnowledgeBase;

public sealed class KbArticleForm
{
    public string? Title { get; set; }

    public string? BodyMarkdown { get; set; }

    public KbAudience Audience { get; set; }

    [PickedId("Choose the release from the list: type part of its name or version.")]
    public int? ReleaseId { get; set; }

    public KbArticleInput ToInput() => new(Title, BodyMarkdown, Audience, ReleaseId);
}

/// <summary>Staff list of knowledge-base articles (drafts and published) with search, and a form for a new
/// one.</summary>
public sealed class IndexModel(KbQueries queries, KbEditing editing) : PageModel
{
    public IReadOnlyList<KbArticleSummary> Articles { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Release { get; set; }

    [BindProperty]
    public KbArticleForm Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        Articles = await queries.ListAsync(Q, HttpContext.RequestAborted);
        if (Release is { } releaseId)
        {
            Articles = Articles.Where(a => a.ReleaseId == releaseId).ToList();
            Input.ReleaseId = releaseId;
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!ModelState.IsValid)
        {
            // A release typed instead of picked from the list: say so, change nothing.
            Articles = await queries.ListAsync(Q, HttpContext.RequestAborted);
            return Page();
        }
        var outcome = await editing.CreateAsync(Input.ToInput(), User.UserId(), HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            return Redirect($"/KnowledgeBase/{outcome.Value!.Id}");
        }
        outcome.CopyTo(ModelState, nameof(Input));
        Articles = await queries.ListAsync(Q, HttpContext.RequestAborted);
        return Page();
    }
}
