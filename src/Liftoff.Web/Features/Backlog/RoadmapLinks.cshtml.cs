using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Links a request to a roadmap item from the item's page; on success it goes back there.</summary>
public sealed class RoadmapLinksModel(RequestStatusChanges statuses) : PageModel
{
    [BindProperty]
    public int ItemId { get; set; }

    [BindProperty]
    [PickedId("Choose the request from the list: type its number or words of its title.")]
    public long RequestId { get; set; }

    public IActionResult OnGet() => Redirect("/Roadmap");

    // A request typed instead of picked from the list: the page says so and nothing is linked.
    public async Task<IActionResult> OnPostLinkAsync() =>
        ModelState[nameof(RequestId)]?.Errors.Count > 0 ? Page() : await ApplyAsync(ItemId);

    public Task<IActionResult> OnPostUnlinkAsync() => ApplyAsync(null);

    private async Task<IActionResult> ApplyAsync(int? itemId)
    {
        var outcome = await statuses.LinkRoadmapItemAsync(RequestId, itemId, HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            return Redirect($"/Roadmap/Item/{ItemId}#linked-requests");
        }
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            ModelState.AddModelError("", $"There is no request #{RequestId}.");
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        return Page();
    }
}
