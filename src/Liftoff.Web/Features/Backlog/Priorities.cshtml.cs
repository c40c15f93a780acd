using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog.Priorities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

/// <summary>The backlog ranked by priority score, filtered by area, status and requestor segment.</summary>
public sealed class PrioritiesModel(Prioritisation priorities, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeatureRequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Segment { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public IReadOnlyList<RankedRequest> Requests { get; private set; } = [];

    public IReadOnlyList<string> Areas { get; private set; } = [];

    public IReadOnlyList<string> Segments { get; private set; } = [];

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts = [("score", "Score"), ("votes", "Votes"),
        ("newest", "Newest"), ("title", "Title")];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Requests = await priorities.RankAsync(new RankingFilter(Area, Status, Segment, Sort), 500, ct);
        Areas = await db.ProductAreas.AsNoTracking().OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        Segments = await db.Organisations.AsNoTracking().Where(o => o.Segment != null && o.Segment != "")
            .Select(o => o.Segment!).Distinct().OrderBy(s => s).ToListAsync(ct);
    }
}
