using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.KnowledgeBase;

public sealed record KbArticleInput(string? Title, string? BodyMarkdown, KbAudience Audience, int? ReleaseId);

/// <summary>Creates articles and edits their drafts; readers never see a draft.</summary>
public sealed class KbEditing(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxBodyLength = 200_000;

    public const string ConflictMessage =
        "Someone else saved this draft while you were editing. Below is the current draft; apply your change to it " +
            "and save again.";

    public async Task<Outcome<KbArticle>> CreateAsync(KbArticleInput input, string? userId,
        CancellationToken ct = default)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow();
        var article = new KbArticle { CreatedAt = now, UpdatedAt = now, CreatedByUserId = userId };
        Apply(article, input);
        db.KbArticles.Add(article);
        await db.SaveChangesAsync(ct);
        audit.Add("kb.created", "KbArticle", Id(article.Id), article.Title);
        await db.SaveChangesAsync(ct);
        return Outcome<KbArticle>.Ok(article);
    }

    /// <summary>Saves the draft if nobody saved since <paramref name="rowVersion"/>; otherwise a conflict.</summary>
    public async Task<Outcome<KbArticle>> UpdateDraftAsync(int id, KbArticleInput input, int rowVersion,
        CancellationToken ct = default)
    {
        var article = await db.KbArticles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return Outcome<KbArticle>.NotFound();
        }
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }
        if (article.RowVersion != rowVersion)
        {
            return Outcome<KbArticle>.Conflict(ConflictMessage);
        }
        Apply(article, input);
        article.UpdatedAt = clock.GetUtcNow();
        db.Entry(article).Property(a => a.RowVersion).OriginalValue = rowVersion;
        audit.Add("kb.draft-saved", "KbArticle", Id(id), article.Title);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<KbArticle>.Conflict(ConflictMessage);
        }
        return Outcome<KbArticle>.Ok(article);
    }

    private async Task<Outcome<KbArticle>?> ValidateAsync(KbArticleInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300)
        {
            errors[nameof(input.Title)] = ["Enter a title of at most 300 characters."];
        }
        if ((input.BodyMarkdown?.Length ?? 0) > MaxBodyLength)
        {
            errors[nameof(input.BodyMarkdown)] = [$"The article may be at most {MaxBodyLength} characters."];
        }
        if (!Enum.IsDefined(input.Audience))
        {
            errors[nameof(input.Audience)] = ["Choose public, resellers or customers."];
        }
        if (input.ReleaseId is { } rid && !await db.Releases.AnyAsync(r => r.Id == rid, ct))
        {
            errors[nameof(input.ReleaseId)] = ["Choose an existing release, or leave it empty."];
        }
        return errors.Count > 0 ? Outcome<KbArticle>.Invalid(errors) : null;
    }

    private static void Apply(KbArticle article, KbArticleInput input)
    {
        article.Title = input.Title!.Trim();
        article.BodyMarkdown = input.BodyMarkdown ?? "";
        article.Audience = input.Audience;
        article.ReleaseId = input.ReleaseId;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
