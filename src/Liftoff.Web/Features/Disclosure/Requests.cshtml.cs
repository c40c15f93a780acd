using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>
/// Requests to let a flagged passage go out: leads decide the ones waiting; everyone else sees their own
/// requests and the decisions.
/// </summary>
public sealed class RequestsModel(OverrideRequests requests) : PageModel
{
    public IReadOnlyList<OverrideRequestView> Requests { get; private set; } = [];

    /// <summary>The requests the signed-in person may decide now.</summary>
    public HashSet<int> Decidable { get; } = [];

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAllowAsync(int id) => DecideAsync(id, true);

    public Task<IActionResult> OnPostDeclineAsync(int id) => DecideAsync(id, false);

    private async Task<IActionResult> DecideAsync(int id, bool allow)
    {
        var outcome = await requests.DecideAsync(id, allow, Comment, User.UserId(), HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            Message = allow
                ? $"Allowed: “{outcome.Value!.Passage}” may go out in exactly that text."
                : $"Declined: {outcome.Value!.RequestedBy} sees your comment.";
            return RedirectToPage();
        }
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            ModelState.AddModelError("", "This request no longer exists.");
        }
        outcome.CopyTo(ModelState);
        Message = null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = User.UserId();
        Requests = await requests.ListAsync(IsLead ? null : me, HttpContext.RequestAborted);
        // A lead decides every pending request but their own (the service checks again when they do).
        Decidable.UnionWith(Requests.Where(r => IsLead && r.Status == Data.Roadmap.OverrideRequestStatus.Pending &&
            r.RequestedByUserId != me).Select(r => r.Id));
    }
}
