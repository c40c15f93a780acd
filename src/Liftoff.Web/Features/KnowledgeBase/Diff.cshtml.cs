using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.KnowledgeBase;

/// <summary>The line differences between two published versions of an article.</summary>
public sealed class DiffModel(KbQueries queries) : PageModel
{
    public int ArticleId { get; private set; }

    public string Title { get; private set; } = "";

    public int From { get; private set; }

    public int To { get; private set; }

    public IReadOnlyList<DiffLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int from, int to)
    {
        var article = await queries.GetAsync(id, HttpContext.RequestAborted);
        var lines = article is null ? null : await queries.DiffAsync(id, from, to, HttpContext.RequestAborted);
        if (article is null || lines is null)
        {
            return NotFound();
        }
        (ArticleId, Title, From, To, Lines) = (id, article.Title, from, to, lines);
        return Page();
    }
}
