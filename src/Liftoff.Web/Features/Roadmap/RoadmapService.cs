using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Roadmap;

public sealed record RoadmapItemInput(
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: StringLength(100)] string? Codename,
    [property: StringLength(1000)] string? Aliases,
    [property: StringLength(20000)] string? Description,
    [property: StringLength(20)] string? Target,
    [property: StringLength(200)] string? Versions,
    RoadmapItemStatus Status = RoadmapItemStatus.Planned,
    int? ReleaseId = null,
    int? RowVersion = null);

public sealed record RoadmapItemView(int Id, int PageId, string PageKey, string PageTitle, string Title,
    string? Codename, IReadOnlyList<string> Aliases,
    string Description, string? Target, IReadOnlyList<string> Versions, RoadmapItemStatus Status, int? ReleaseId,
        string? ReleaseName, bool IsPublic, int RowVersion);

public sealed record RoadmapPageView(int Id, string Key, string Title, IReadOnlyList<RoadmapItemView> Items);

/// <summary>Staff-only roadmap pages and items. Every read of roadmap content is audited.</summary>
public sealed class RoadmapService(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<(RoadmapPage Page, int ItemCount)>> ListPagesAsync(CancellationToken ct = default)
    {
        var pages = await db.RoadmapPages.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Title)
            .Select(p => new { Page = p, Count = p.Items.Count }).ToListAsync(ct);
        return pages.Select(p => (p.Page, p.Count)).ToList();
    }

    /// <summary>Reads a page with its items and records who looked.</summary>
    public async Task<RoadmapPageView?> ViewPageAsync(string key, string purpose = "viewed",
        CancellationToken ct = default)
    {
        var page = await db.RoadmapPages.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (page is null)
        {
            return null;
        }
        var items = await ItemsQuery().Where(i => i.PageId == page.Id).ToListAsync(ct);
        await audit.WriteAsync($"roadmap.{purpose}", "roadmap-page", page.Key, page.Title, ct: ct);
        return new RoadmapPageView(page.Id, page.Key, page.Title,
            items.Select(ToView).OrderBy(i => i.Target ?? "9999").ThenBy(i => i.Title).ToList());
    }

    public async Task<RoadmapItemView?> ViewItemAsync(int id, CancellationToken ct = default)
    {
        var item = await ItemsQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }
        await audit.WriteAsync("roadmap.item.viewed", "roadmap-item", id.ToString(), item.Title, ct: ct);
        return ToView(item);
    }

    /// <summary>All items for the disclosure guard, without auditing (no person reads them).</summary>
    public async Task<IReadOnlyList<RoadmapItemView>> AllItemsAsync(CancellationToken ct = default) =>
        (await ItemsQuery().ToListAsync(ct)).Select(ToView).ToList();

    public async Task<Outcome<RoadmapItemView>> CreateAsync(string pageKey, RoadmapItemInput input,
        CancellationToken ct = default)
    {
        var page = await db.RoadmapPages.FirstOrDefaultAsync(p => p.Key == pageKey, ct);
        if (page is null)
        {
            return Outcome<RoadmapItemView>.NotFound();
        }
        var item = new RoadmapItem { PageId = page.Id };
        var error = await ApplyAsync(item, input, ct);
        if (error is not null)
        {
            return error;
        }
        db.RoadmapItems.Add(item);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("roadmap.item.created", "roadmap-item", item.Id.ToString(), item.Title, ct: ct);
        return Outcome<RoadmapItemView>.Ok(ToView((await ItemsQuery().FirstAsync(i => i.Id == item.Id, ct))));
    }

    public async Task<Outcome<RoadmapItemView>> UpdateAsync(int id, RoadmapItemInput input,
        CancellationToken ct = default)
    {
        var item = await db.RoadmapItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Outcome<RoadmapItemView>.NotFound();
        }
        if (input.RowVersion is { } v && v != item.RowVersion)
        {
            return Outcome<RoadmapItemView>.Conflict(
                "Someone else changed this item meanwhile. Reload to see the current state; your text is kept below.");
        }
        var error = await ApplyAsync(item, input, ct);
        if (error is not null)
        {
            return error;
        }
        audit.Add("roadmap.item.updated", "roadmap-item", id.ToString(), item.Title);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<RoadmapItemView>.Conflict(
                "Someone else changed this item meanwhile. Reload to see the current state.");
        }
        return Outcome<RoadmapItemView>.Ok(ToView(await ItemsQuery().FirstAsync(i => i.Id == id, ct)));
    }

    private async Task<Outcome<RoadmapItemView>?> ApplyAsync(RoadmapItem item, RoadmapItemInput input,
        CancellationToken ct)
    {
        var errors = Validation.Errors(input);
        if (errors.Count > 0)
        {
            return Outcome<RoadmapItemView>.Invalid(errors);
        }
        if (!RoadmapTarget.TryNormalise(input.Target, out var target))
        {
            return Outcome<RoadmapItemView>.Invalid("Target", RoadmapTarget.Help);
        }
        if (input.ReleaseId is { } rid && !await db.Releases.AnyAsync(r => r.Id == rid, ct))
        {
            return Outcome<RoadmapItemView>.Invalid("ReleaseId", "Unknown release.");
        }
        item.Title = input.Title.Trim();
        item.Codename = string.IsNullOrWhiteSpace(input.Codename) ? null : input.Codename.Trim();
        item.Aliases = string.Join(";", (input.Aliases ?? "").Split([';', ',', '\n'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        item.DescriptionMarkdown = input.Description?.Trim() ?? "";
        item.Target = target;
        item.Versions = string.Join(";", (input.Versions ?? "").Split([';', ','],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        item.Status = input.Status;
        item.ReleaseId = input.ReleaseId;
        item.UpdatedAt = clock.GetUtcNow();
        return null;
    }

    private IQueryable<RoadmapItem> ItemsQuery() =>
        db.RoadmapItems.AsNoTracking().Include(i => i.Page).Include(i => i.Release);

    /// <summary>An item is public only once its linked release has shipped.</summary>
    private static RoadmapItemView ToView(RoadmapItem i) => new(
        i.Id, i.PageId, i.Page!.Key, i.Page.Title, i.Title, i.Codename, i.AliasList.ToList(), i.DescriptionMarkdown,
            i.Target,
        i.VersionList.ToList(), i.Status, i.ReleaseId, i.Release is null ? null
            : $"{i.Release.Product} {i.Release.Version}",
        i.Release?.Status == ReleaseStatus.Released, i.RowVersion);
}
