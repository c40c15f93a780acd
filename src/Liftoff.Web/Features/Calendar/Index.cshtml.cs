using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Calendar;

public sealed class IndexModel(CalendarFeeds feeds, RolloutPeople people, PublicLinks links)
    : PageModel
{
    public IReadOnlyList<FeedView> Feeds { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Teams { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<FeedRelease> Releases { get; private set; } = [];

    /// <summary>The address of a feed just created, shown once.</summary>
    public string? NewFeedUrl { get; private set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? Target { get; set; }

    public async Task OnGetAsync()
    {
        Feeds = await feeds.ListAsync(User.UserId());
        Teams = await people.TeamNamesAsync();
        Releases = await feeds.ReleasesAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await feeds.CreateAsync(User.UserId(), new FeedInput(Scope, Target));
        outcome.CopyTo(ModelState);
        await OnGetAsync();
        if (outcome.IsOk)
        {
            NewFeedUrl = links.To(outcome.Value!.Path);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int feedId)
    {
        var outcome = await feeds.RevokeAsync(User.UserId(), feedId);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        await OnGetAsync();
        return Page();
    }
}
