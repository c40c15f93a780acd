using Liftoff.Data.Roadmap;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Roadmap;

public sealed class IndexModel(RoadmapService roadmap) : PageModel
{
    public IReadOnlyList<(RoadmapPage Page, int ItemCount)> Pages { get; private set; } = [];

    public async Task OnGetAsync() => Pages = await roadmap.ListPagesAsync(HttpContext.RequestAborted);
}
