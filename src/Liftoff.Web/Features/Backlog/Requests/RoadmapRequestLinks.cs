using Liftoff.Data;
using Liftoff.Data.Backlog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record LinkedRequest(long Id, string Title, FeatureRequestStatus Status, int Votes);

/// <summary>The feature requests a roadmap item plans (the item side of the link; staff only).</summary>
public sealed class RoadmapRequestLinks(AppDbContext db)
{
    public async Task<IReadOnlyList<LinkedRequest>> ForItemAsync(int itemId, CancellationToken ct = default) =>
        await db.FeatureRequests.AsNoTracking().Where(r => r.RoadmapItemId == itemId
            && r.Status != FeatureRequestStatus.Merged)
            .OrderBy(r => r.Id).Select(r => new LinkedRequest(r.Id, r.Title, r.Status, r.Votes.Count)).ToListAsync(ct);

    /// <summary>The linked requests, or null when there is no such roadmap item.</summary>
    public async Task<IReadOnlyList<LinkedRequest>?> ForKnownItemAsync(int itemId, CancellationToken ct = default) =>
        await db.RoadmapItems.AnyAsync(i => i.Id == itemId, ct) ? await ForItemAsync(itemId, ct) : null;
}

/// <summary>Shown on a roadmap item's page: its linked requests and a form to link one more.</summary>
public sealed class LinkedRequestsViewComponent(RoadmapRequestLinks links) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int itemId) =>
        View("/Features/Backlog/_LinkedRequests.cshtml",
            (itemId, await links.ForItemAsync(itemId, HttpContext.RequestAborted)));
}
