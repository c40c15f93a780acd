using System.Security.Claims;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.KnowledgeBase;

public sealed record KbArticleSummary(int Id, string Title, KbAudience Audience, int? ReleaseId, int PublishedVersion,
    DateTimeOffset UpdatedAt);

public sealed record KbVersionSummary(int Number, string Title, KbAudience Audience, DateTimeOffset PublishedAt,
    string? PublishedBy, string? Note);

/// <summary>A published article as a reader sees it: the current version only.</summary>
public sealed record KbPublishedArticle(int Id, int Version, string Title, string BodyMarkdown, KbAudience Audience,
    int? ReleaseId, DateTimeOffset PublishedAt);

public sealed record DiffLine(ChangeType Change, string Text);

/// <summary>Reads for staff (drafts and versions) and for readers (published versions of their audiences).</summary>
public sealed class KbQueries(AppDbContext db)
{
    // SQLite: lower-cased substring match (the StringComparison overloads do not translate to SQL).
    // PostgreSQL: ILIKE, which the trigram indexes on titles and bodies serve instead of a scan of every version.
#pragma warning disable CA1862
    public async Task<IReadOnlyList<KbArticleSummary>> ListAsync(string? search, CancellationToken ct = default)
    {
        var query = db.KbArticles.AsNoTracking();
        var postgres = db.Database.IsNpgsql();
        foreach (var term in Terms(search))
        {
            var pattern = LikePattern(term);
            query = postgres
                ? query.Where(a => EF.Functions.ILike(a.Title, pattern, "\\")
                    || EF.Functions.ILike(a.BodyMarkdown, pattern, "\\"))
                : query.Where(a => a.Title.ToLower().Contains(term) || a.BodyMarkdown.ToLower().Contains(term));
        }
        return await query.OrderByDescending(a => a.Id).Take(200)
            .Select(a => new KbArticleSummary(a.Id, a.Title, a.Audience, a.ReleaseId, a.PublishedVersion, a.UpdatedAt))
                .ToListAsync(ct);
    }

#pragma warning restore CA1862

    public Task<KbArticle?> GetAsync(int id, CancellationToken ct = default) =>
        db.KbArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<IReadOnlyList<KbVersionSummary>> VersionsAsync(int id, CancellationToken ct = default)
    {
        var versions = await db.KbArticleVersions.AsNoTracking().Where(v => v.ArticleId == id)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.Title, v.Audience, v.PublishedAt, v.PublishedByUserId, v.Note })
                .ToListAsync(ct);
        var ids = versions.Select(v => v.PublishedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return versions.Select(v => new KbVersionSummary(v.Number, v.Title, v.Audience, v.PublishedAt,
            v.PublishedByUserId is { } u ? names.GetValueOrDefault(u) : null, v.Note)).ToList();
    }

    /// <summary>Line diff of two versions (title, audience and body); null when either does not exist.</summary>
    public async Task<IReadOnlyList<DiffLine>?> DiffAsync(int id, int from, int to, CancellationToken ct = default)
    {
        var versions = await db.KbArticleVersions.AsNoTracking()
            .Where(v => v.ArticleId == id && (v.Number == from || v.Number == to)).ToListAsync(ct);
        var a = versions.FirstOrDefault(v => v.Number == from);
        var b = versions.FirstOrDefault(v => v.Number == to);
        if (a is null || b is null)
        {
            return null;
        }
        static string Text(KbArticleVersion v) =>
            $"# {v.Title}\nAudience: {v.Audience.ToString().ToLowerInvariant()}\n\n{v.BodyMarkdown}";
        var diff = InlineDiffBuilder.Diff(Text(a), Text(b), ignoreWhiteSpace: false);
        return diff.Lines.Select(l => new DiffLine(l.Type, l.Text ?? "")).ToList();
    }

    /// <summary>
    /// The audiences a reader may see: anonymous readers the public articles; a reseller's users also
    /// the reseller articles; a customer's users also the customer articles; staff all of them.
    /// </summary>
    public async Task<IReadOnlyList<KbAudience>> AudiencesOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return [KbAudience.Public];
        }
        if (user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin))
        {
            return [KbAudience.Public, KbAudience.Resellers, KbAudience.Customers];
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var kind = await db.Users.AsNoTracking().Where(u => u.Id == id && u.Organisation != null)
            .Select(u => (OrganisationKind?)u.Organisation!.Kind).FirstOrDefaultAsync(ct);
        return kind switch
        {
            OrganisationKind.Reseller => [KbAudience.Public, KbAudience.Resellers],
            OrganisationKind.Customer => [KbAudience.Public, KbAudience.Customers],
            _ => [KbAudience.Public],
        };
    }

    /// <summary>Current published versions of the audiences, matching every search term in title or body.</summary>
#pragma warning disable CA1862
    public async Task<IReadOnlyList<KbPublishedArticle>> PublishedAsync(IReadOnlyList<KbAudience> audiences,
        string? search, int take = 100, CancellationToken ct = default)
    {
        var query = Current(audiences);
        var postgres = db.Database.IsNpgsql();
        foreach (var term in Terms(search))
        {
            var pattern = LikePattern(term);
            query = postgres
                ? query.Where(v => EF.Functions.ILike(v.Title, pattern, "\\")
                    || EF.Functions.ILike(v.BodyMarkdown, pattern, "\\"))
                : query.Where(v => v.Title.ToLower().Contains(term) || v.BodyMarkdown.ToLower().Contains(term));
        }
        return await Project(query.OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).Take(take))
            .ToListAsync(ct);
    }

#pragma warning restore CA1862

    public async Task<KbPublishedArticle?> PublishedAsync(int id, IReadOnlyList<KbAudience> audiences,
        CancellationToken ct = default) =>
        await Project(Current(audiences).Where(v => v.ArticleId == id)).FirstOrDefaultAsync(ct);

    /// <summary>Public articles announcing a release, newest first: the Atom feed's entries.</summary>
    public async Task<IReadOnlyList<KbPublishedArticle>> AnnouncementsAsync(int take = 50,
        CancellationToken ct = default) =>
        await Project(Current([KbAudience.Public]).Where(v => v.Article!.ReleaseId != null)
            .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id).Take(take)).ToListAsync(ct);

    private IQueryable<KbArticleVersion> Current(IReadOnlyList<KbAudience> audiences)
    {
        var list = audiences.ToList();
        return db.KbArticleVersions.AsNoTracking().Where(v => v.Number == v.Article!.PublishedVersion
            && list.Contains(v.Audience));
    }

    private static IQueryable<KbPublishedArticle> Project(IQueryable<KbArticleVersion> query) =>
        query.Select(v => new KbPublishedArticle(v.ArticleId, v.Number, v.Title, v.BodyMarkdown, v.Audience,
            v.Article!.ReleaseId, v.PublishedAt));

    /// <summary>A term as an ILIKE pattern matching it anywhere, its wildcards taken literally.</summary>
    private static string LikePattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>Lower-cased search words; at most eight, so a pasted paragraph cannot make a huge query.</summary>
    public static IReadOnlyList<string> Terms(string? search) =>
        (search ?? "").ToLowerInvariant().Split([' ', '\t', '\n', '\r'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length <= 100).Distinct().Take(8).ToList();
}
