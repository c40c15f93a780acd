using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Markdown;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.KnowledgeBase;

/// <summary>One article for staff: its draft, publishing, its versions with diff and rollback.</summary>
public sealed class ArticleModel(KbQueries queries, KbEditing editing, KbPublishing publishing,
    MarkdownRenderer markdown) : PageModel
{
    public KbArticle Article { get; private set; } = null!;

    public IReadOnlyList<KbVersionSummary> Versions { get; private set; } = [];

    public IReadOnlyList<BlockedText> Blocked { get; private set; } = [];

    public string? Message { get; private set; }

    public string PreviewHtml => markdown.ToSafeHtml(Article.BodyMarkdown);

    public DisclosureBlockView BlockView => new(Blocked, IsLead, "Override", Article.Id);

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    [BindProperty]
    public KbArticleForm Input { get; set; } = new();

    [BindProperty]
    public int RowVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id, keepInput: false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, keepInput: true) ? Page() : NotFound();
        }
        var outcome = await editing.UpdateDraftAsync(id, Input.ToInput(), RowVersion, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.Conflict)
        {
            outcome.CopyTo(ModelState);
            Conflicted = Input.BodyMarkdown;
            return await LoadAsync(id, keepInput: false) ? Page() : NotFound();
        }
        return await AfterAsync(id, outcome, "Draft saved.", keepInput: !outcome.IsOk);
    }

    /// <summary>What the editor tried to save when someone else saved first.</summary>
    public string? Conflicted { get; private set; }

    /// <summary>Publishing was refused over unsaved edits: the draft as saved now is shown above them.</summary>
    public bool KeptEdits { get; private set; }

    /// <summary>Publishes what is in the form, saved as the draft first; kept in the form if it cannot be.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, keepInput: true) ? Page() : NotFound();
        }
        var outcome = await publishing.SaveAndPublishAsync(id, Input.ToInput(), RowVersion, User.UserId(),
            HttpContext.RequestAborted);
        if (outcome.Kind is OutcomeKind.Conflict or OutcomeKind.Invalid)
        {
            outcome.CopyTo(ModelState, nameof(Input));
            KeptEdits = outcome.Kind == OutcomeKind.Conflict;
            return await LoadAsync(id, keepInput: true) ? Page() : NotFound();
        }
        return await AfterPublishAsync(id, outcome);
    }

    public async Task<IActionResult> OnPostRollbackAsync(int id, int version)
    {
        var outcome = await publishing.RollbackAsync(id, version, User.UserId(), HttpContext.RequestAborted);
        return await AfterPublishAsync(id, outcome);
    }

    public async Task<IActionResult> OnPostOverrideAsync(int id, int start, int length, string? reason)
    {
        if (!IsLead)
        {
            return Forbid();
        }
        var outcome = await publishing.OverrideAsync(id, start, length, reason, User.UserId(),
            HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, "The finding is let through for this exact text. Publish again.");
    }

    public async Task<IActionResult> OnPostAskOverrideAsync(int id, int start, int length, string? reason)
    {
        var outcome = await publishing.AskOverrideAsync(id, start, length, reason, User.UserId(),
            HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound || !await LoadAsync(id, keepInput: false))
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Message = OverrideRequests.AskedMessage;
        }
        else
        {
            outcome.CopyTo(ModelState);
            Blocked = await publishing.CheckDraftAsync(id, HttpContext.RequestAborted);
        }
        return Page();
    }

    private async Task<IActionResult> AfterPublishAsync(int id, Outcome<PublishResult> outcome)
    {
        if (outcome.Value is { Blocked.Count: > 0 } blocked)
        {
            Blocked = blocked.Blocked;
            return await LoadAsync(id, keepInput: false) ? Page() : NotFound();
        }
        return await AfterAsync(id, outcome, $"Published as version {outcome.Value?.Version}.");
    }

    private async Task<IActionResult> AfterAsync<T>(int id, Outcome<T> outcome, string message, bool keepInput = false)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Message = message;
        }
        else
        {
            outcome.CopyTo(ModelState, keepInput ? nameof(Input) : "");
        }
        return await LoadAsync(id, keepInput) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, bool keepInput)
    {
        var article = await queries.GetAsync(id, HttpContext.RequestAborted);
        if (article is null)
        {
            return false;
        }
        Article = article;
        Versions = await queries.VersionsAsync(id, HttpContext.RequestAborted);
        if (!keepInput)
        {
            Input = new KbArticleForm
            {
                Title = article.Title,
                BodyMarkdown = article.BodyMarkdown,
                Audience = article.Audience,
                ReleaseId = article.ReleaseId
            };
        }
        RowVersion = article.RowVersion;
        return true;
    }
}
