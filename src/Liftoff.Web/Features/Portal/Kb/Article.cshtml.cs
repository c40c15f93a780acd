using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Infrastructure.Markdown;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Portal.Kb;

/// <summary>One published article; an article outside the reader's audiences does not exist for them.</summary>
[AllowAnonymous]
public sealed class ArticleModel(KbQueries queries, MarkdownRenderer markdown) : PageModel
{
    public KbPublishedArticle Article { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var audiences = await queries.AudiencesOfAsync(User, HttpContext.RequestAborted);
        var article = await queries.PublishedAsync(id, audiences, HttpContext.RequestAborted);
        if (article is null)
        {
            return NotFound();
        }
        Article = article;
        Html = markdown.ToSafeHtml(article.BodyMarkdown);
        return Page();
    }
}
