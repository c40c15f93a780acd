using Liftoff.Web.Features.KnowledgeBase;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Portal.Kb;

/// <summary>
/// The knowledge base for readers: published articles of the reader's audiences only. Public
/// articles are open to everyone, also without signing in.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(KbQueries queries) : PageModel
{
    public IReadOnlyList<KbPublishedArticle> Articles { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public async Task OnGetAsync()
    {
        var audiences = await queries.AudiencesOfAsync(User, HttpContext.RequestAborted);
        Articles = await queries.PublishedAsync(audiences, Q, 100, HttpContext.RequestAborted);
    }
}
