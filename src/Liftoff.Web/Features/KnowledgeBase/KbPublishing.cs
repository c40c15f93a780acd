using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.KnowledgeBase;

/// <summary>The outcome of a publish: the new version's number, or the findings that blocked it.</summary>
public sealed record PublishResult(int? Version, IReadOnlyList<BlockedText> Blocked);

/// <summary>
/// Publishing keeps every version (the "KB iteration"). Each publish, rollbacks included, passes the
/// disclosure check on the title and body as written (the guard reads hidden Markdown parts too).
/// An article announcing a release completes the release's KB announcement task with its first
/// version and the KB iteration task with a later one.
/// </summary>
public sealed class KbPublishing(
    AppDbContext db,
    KbEditing editing,
    DisclosureService guard,
    OverrideRequests overrideRequests,
    PlanTaskCompletion tasks,
    AuditLog audit,
    TimeProvider clock)
{
    public const string ArticlePart = "Article (title and body)";

    public const string UnsavedConflict = "You have unsaved changes, and someone else saved this draft meanwhile, " +
        "so nothing was saved or published. Your edits are kept in the form; the draft as saved now is shown above " +
        "it. Merge them and publish again.";

    public const string UnsavedInvalid = "You have unsaved changes that cannot be saved, so nothing was published. " +
        "Your edits are kept in the form; correct them and publish again.";

    /// <summary>
    /// Publishes what the editor has on screen: the edits are saved as the draft first (with the draft's
    /// version check), then published. When they cannot be saved nothing is saved or published.
    /// </summary>
    public async Task<Outcome<PublishResult>> SaveAndPublishAsync(
        int id, KbArticleInput input, int rowVersion, string? userId, CancellationToken ct = default)
    {
        var article = await db.KbArticles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Outcome<PublishResult>.NotFound();
        }
        var unchanged = article.Title == input.Title?.Trim() && article.BodyMarkdown == (input.BodyMarkdown ?? "") &&
            article.Audience == input.Audience && article.ReleaseId == input.ReleaseId;
        if (!unchanged)
        {
            var saved = await editing.UpdateDraftAsync(id, input, rowVersion, ct);
            if (saved.Kind == OutcomeKind.Conflict)
            {
                return Outcome<PublishResult>.Conflict(UnsavedConflict);
            }
            if (!saved.IsOk)
            {
                var errors = saved.ErrorsByField();
                errors[""] = [UnsavedInvalid];
                return Outcome<PublishResult>.Invalid(errors);
            }
            rowVersion = saved.Value!.RowVersion;
        }
        else
        {
            // The form shows the draft as it is saved now: that is what gets published.
            rowVersion = article.RowVersion;
        }
        return await PublishAsync(id, rowVersion, userId, ct);
    }

    public static string CheckedText(string title, string body) => $"# {title}\n\n{body}";

    public async Task<Outcome<PublishResult>> PublishAsync(int id, int rowVersion, string? userId,
        CancellationToken ct = default)
    {
        var article = await db.KbArticles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Outcome<PublishResult>.NotFound();
        }
        if (article.RowVersion != rowVersion)
        {
            return Outcome<PublishResult>.Conflict(
                "The draft changed since you opened it. Read the current draft below and publish again.");
        }
        if (string.IsNullOrWhiteSpace(article.BodyMarkdown))
        {
            return Outcome<PublishResult>.Invalid("BodyMarkdown", "Write the article before publishing it.");
        }
        return await PublishCoreAsync(article, article.Title, article.BodyMarkdown, article.Audience, null, true,
            userId, ct);
    }

    /// <summary>Publishes the content of an earlier version as a new version; every version stays.</summary>
    public async Task<Outcome<PublishResult>> RollbackAsync(int id, int toVersion, string? userId,
        CancellationToken ct = default)
    {
        var article = await db.KbArticles.FirstOrDefaultAsync(a => a.Id == id, ct);
        var old = await db.KbArticleVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id
            && v.Number == toVersion, ct);
        if (article is null || old is null)
        {
            return Outcome<PublishResult>.NotFound();
        }
        if (old.Number == article.PublishedVersion)
        {
            return Outcome<PublishResult>.Invalid("", $"Version {old.Number} is already the published version.");
        }
        var current = await db.KbArticleVersions.AsNoTracking().FirstAsync(v => v.ArticleId == id
            && v.Number == article.PublishedVersion, ct);
        // A draft with unpublished edits keeps them; an untouched draft follows the rollback.
        var draftUntouched = current.Title == article.Title && current.BodyMarkdown == article.BodyMarkdown
            && current.Audience == article.Audience;
        return await PublishCoreAsync(article, old.Title, old.BodyMarkdown, old.Audience,
            $"Rollback to version {old.Number}", draftUntouched, userId, ct);
    }

    public async Task<Outcome<bool>> OverrideAsync(int id, int start, int length, string? reason, string leadUserId,
        CancellationToken ct = default)
    {
        var article = await db.KbArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Outcome<bool>.NotFound();
        }
        var outcome = await guard.OverrideAsync(CheckedText(article.Title, article.BodyMarkdown), null, start, length,
            reason, leadUserId, ct);
        return outcome.IsOk ? Outcome<bool>.Ok(true) : Outcome<bool>.Invalid(outcome.Errors);
    }

    /// <summary>Someone who may not override asks a lead to let one finding of the draft through.</summary>
    public async Task<Outcome<OverrideRequestView>> AskOverrideAsync(int id, int start, int length, string? reason,
        string userId,
        CancellationToken ct = default)
    {
        var article = await db.KbArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Outcome<OverrideRequestView>.NotFound();
        }
        return await overrideRequests.AskAsync(new OverrideAsk(CheckedText(article.Title, article.BodyMarkdown), null,
            start, length,
            reason, $"/KnowledgeBase/{id.ToString(CultureInfo.InvariantCulture)}",
            $"Knowledge-base article \"{article.Title}\""), userId, ct);
    }

    /// <summary>The draft's findings for its audience; empty when it may be published.</summary>
    public async Task<IReadOnlyList<BlockedText>> CheckDraftAsync(int id, CancellationToken ct = default)
    {
        var article = await db.KbArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return [];
        }
        var text = CheckedText(article.Title, article.BodyMarkdown);
        var verdict = await guard.CheckAsync(text, Reach(article.Audience), ct);
        return verdict.Blocked ? [new BlockedText(ArticlePart, text, verdict.BlockingFindings)] : [];
    }

    private async Task<Outcome<PublishResult>> PublishCoreAsync(KbArticle article, string title, string body,
        KbAudience audience, string? note, bool moveDraft, string? userId, CancellationToken ct)
    {
        var current = article.PublishedVersion;
        if (current > 0 && await db.KbArticleVersions.AsNoTracking().AnyAsync(v => v.ArticleId == article.Id &&
            v.Number == current && v.Title == title && v.BodyMarkdown == body && v.Audience == audience, ct))
        {
            return Outcome<PublishResult>.Invalid("", "Nothing was published: the title, text and audience are the " +
                $"same as the published version {current}. Change the draft first.");
        }
        var text = CheckedText(title, body);
        var verdict = await guard.CheckAsync(text, Reach(audience), ct);
        if (verdict.Blocked)
        {
            return Outcome<PublishResult>.Ok(
                new PublishResult(null, [new BlockedText(ArticlePart, text, verdict.BlockingFindings)]));
        }
        var number = article.PublishedVersion + 1;
        db.KbArticleVersions.Add(new KbArticleVersion
        {
            ArticleId = article.Id,
            Number = number,
            Title = title,
            BodyMarkdown = body,
            Audience = audience,
            PublishedAt = clock.GetUtcNow(),
            PublishedByUserId = userId,
            Note = note,
        });
        article.PublishedVersion = number;
        if (moveDraft)
        {
            article.Title = title;
            article.BodyMarkdown = body;
            article.Audience = audience;
        }
        article.UpdatedAt = clock.GetUtcNow();
        audit.Add(note is null ? "kb.published" : "kb.rolled-back", "KbArticle",
            article.Id.ToString(CultureInfo.InvariantCulture),
            $"version {number} ({audience.ToString().ToLowerInvariant()}): {title}{(note is null ? "" : $"; {note}")}");
        if (article.ReleaseId is { } releaseId)
        {
            var step = number == 1 ? DefaultPlaybook.KbAnnouncement : DefaultPlaybook.KbIteration;
            await tasks.CompleteAsync(releaseId, step, userId,
                $"knowledge-base article \"{title}\" published as version {number}", ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another publish of this article took the same version number (unique index) or changed the draft.
            db.ChangeTracker.Clear();
            return Outcome<PublishResult>.Conflict(
                "Someone else published or changed this article a moment ago. Read the current state below and try " +
                    "again.");
        }
        return Outcome<PublishResult>.Ok(new PublishResult(number, []));
    }

    /// <summary>Who reads a version: a public article anyone, a reseller or customer article only that
    /// audience.</summary>
    private static DisclosureAudience Reach(KbAudience audience) => audience switch
    {
        KbAudience.Resellers => DisclosureAudience.Resellers,
        KbAudience.Customers => DisclosureAudience.Customers,
        _ => DisclosureAudience.Public,
    };
}
