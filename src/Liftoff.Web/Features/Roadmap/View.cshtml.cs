using Liftoff.Data.Roadmap;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Roadmap;

public sealed class ViewModel(RoadmapService roadmap) : PageModel
{
    public RoadmapPageView? RoadmapPage { get; private set; }

    [BindProperty]
    public RoadmapItemForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string key)
    {
        RoadmapPage = await roadmap.ViewPageAsync(key, "viewed", HttpContext.RequestAborted);
        return RoadmapPage is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        var outcome = await roadmap.CreateAsync(key, Form.ToInput(), HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            return RedirectToPage(new { key });
        }
        outcome.CopyTo(ModelState, nameof(Form));
        RoadmapPage = await roadmap.ViewPageAsync(key, "viewed", HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>The item form as typed, so nothing is lost when it is refused.</summary>
public sealed class RoadmapItemForm
{
    public string Title { get; set; } = "";

    public string? Codename { get; set; }

    public string? Aliases { get; set; }

    public string? Description { get; set; }

    public string? Target { get; set; }

    public string? Versions { get; set; }

    public RoadmapItemStatus Status { get; set; } = RoadmapItemStatus.Planned;

    public int? ReleaseId { get; set; }

    public int? RowVersion { get; set; }

    public RoadmapItemInput ToInput() => new(Title, Codename, Aliases, Description, Target, Versions, Status,
        ReleaseId, RowVersion);
}
