using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Roadmap;

public sealed class ItemModel(RoadmapService roadmap, ReleaseAnnouncements announcements) : PageModel
{
    public RoadmapItemView? Item { get; private set; }

    public IReadOnlyList<AnnouncementView> Announcements { get; private set; } = [];

    [BindProperty]
    public RoadmapItemForm Form { get; set; } = new();

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Item = await roadmap.ViewItemAsync(id, HttpContext.RequestAborted);
        if (Item is null)
        {
            return NotFound();
        }
        Announcements = await announcements.ForItemAsync(id, HttpContext.RequestAborted);
        Form = new RoadmapItemForm
        {
            Title = Item.Title,
            Codename = Item.Codename,
            Aliases = string.Join("; ", Item.Aliases),
            Description = Item.Description,
            Target = Item.Target,
            Versions = string.Join("; ", Item.Versions),
            Status = Item.Status,
            ReleaseId = Item.ReleaseId,
            RowVersion = Item.RowVersion,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var outcome = await roadmap.UpdateAsync(id, Form.ToInput(), HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            return RedirectToPage(new { id });
        }
        // Keep what was typed; show the conflict or validation message next to it.
        outcome.CopyTo(ModelState, nameof(Form));
        var typed = Form;
        await OnGetAsync(id);
        typed.RowVersion = Item?.RowVersion;
        Form = typed;
        return Page();
    }
}
