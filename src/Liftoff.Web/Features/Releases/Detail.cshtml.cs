using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Releases;

public sealed class DetailModel(ReleaseQueries queries, RolloutTaskWork work,
    ShippedRequests shipped, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : PageModel
{
    public ReleaseView? Release { get; private set; }

    /// <summary>The requestors of the requests this release shipped, told or not.</summary>
    public IReadOnlyList<ToldRequestor> Told { get; private set; } = [];

    [BindProperty]
    public bool TellRequestors { get; set; } = true;

    [BindProperty]
    public List<TaskDecisionForm> Decisions { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int RowVersion { get; set; }

    [BindProperty]
    public string? NewDate { get; set; }

    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool SignificantChanges { get; set; }

    [BindProperty]
    public string? ContentSummary { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? SkipNote { get; set; }

    [BindProperty]
    public int TaskVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Release = await queries.GetAsync(id);
        if (Release is null)
        {
            return NotFound();
        }
        RowVersion = Release.RowVersion;
        if (Release.Status == Domain.Rollout.ReleaseStatus.Released)
        {
            Told = await shipped.ReportAsync(id, HttpContext.RequestAborted);
        }
        NewDate = Release.PlannedDate.ToString("yyyy-MM-dd");
        Version = Release.Version;
        Name = Release.Name;
        SignificantChanges = Release.SignificantChanges;
        ContentSummary = Release.ContentSummary;
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(int id, [FromServices] MoveReleaseDate move) =>
        ApplyAsync(id, () => move.MoveAsync(id, new MoveReleaseInput(NewDate, RowVersion)),
            "Release moved; open tasks follow the new date.");

    public async Task<IActionResult> OnPostDetailsAsync(int id, [FromServices] UpdateRelease update)
    {
        if (await queries.GetAsync(id) is
            { Status: Domain.Rollout.ReleaseStatus.Released or Domain.Rollout.ReleaseStatus.Cancelled } closed)
        {
            // The flag is shown disabled (not posted) on a settled release.
            SignificantChanges = closed.SignificantChanges;
        }
        return await ApplyAsync(id, () => update.UpdateAsync(id, new ReleaseInput(null, Version, null,
            SignificantChanges, ContentSummary, Name, RowVersion: RowVersion)), "Release saved.");
    }

    public Task<IActionResult> OnPostStatusAsync(int id, [FromServices] ChangeReleaseStatus change) =>
        ApplyAsync(id, () => change.SetStatusAsync(id, new ReleaseStatusInput(Status, RowVersion, TellRequestors,
                [.. Decisions.Select(d => new TaskDecisionInput(d.TaskId, d.Decision, d.Reason))]),
            User.UserId()), "Status changed.");

    /// <summary>The decision typed for a task in the status form, kept when the form is shown again.</summary>
    public TaskDecisionForm? DecisionFor(int taskId) => Decisions.FirstOrDefault(d => d.TaskId == taskId);

    public Task<IActionResult> OnPostApplyPlaybookAsync(int id, [FromServices] ApplyReleasePlaybook apply) =>
        ApplyAsync(id, () => apply.ApplyPlaybookAsync(id, RowVersion),
            "The playbook as it is now was applied to the open tasks.");

    public async Task<IActionResult> OnPostTaskAsync(int id, int taskId)
    {
        var outcome = await work.SetStatusAsync(taskId, new TaskStatusInput(Status, SkipNote, TaskVersion),
            User.UserId());
        if (outcome.Kind == OutcomeKind.NotFound || (outcome.IsOk && outcome.Value!.ReleaseId != id))
        {
            return NotFound();
        }
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            // From the page's own script: only the plan is replaced, in place.
            var release = await queries.GetAsync(id);
            if (release is null)
            {
                return NotFound();
            }
            ModelState.Clear();
            outcome.CopyTo(ModelState, "");
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            var token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
            var message = outcome.IsOk
                ? $"'{outcome.Value!.Name}' is now {RolloutMapping.StatusLabel(outcome.Value.Status)}."
                : null;
            return Partial("_Plan", new ReleasePlanView(release, token, message, errors));
        }
        return await ShowAsync(id, outcome.IsOk, outcome.IsOk
            ? $"'{outcome.Value!.Name}' is now {RolloutMapping.StatusLabel(outcome.Value.Status)}."
            : null, outcome.CopyTo);
    }

    private async Task<IActionResult> ApplyAsync(int id, Func<Task<Outcome<ReleaseView>>> change, string success)
    {
        var outcome = await change();
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        return await ShowAsync(id, outcome.IsOk, success, outcome.CopyTo);
    }

    private async Task<IActionResult> ShowAsync(int id, bool ok, string? success,
        Action<Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary, string> copyErrors)
    {
        if (ok)
        {
            // Post/redirect/get: a reload shows the page again instead of repeating the change.
            Message = success;
            return RedirectToPage(new { id });
        }
        var typed = (NewDate, Version, Name, SignificantChanges, ContentSummary);
        ModelState.Clear();
        copyErrors(ModelState, "");
        await OnGetAsync(id);
        // Keep what the user typed in the form that failed; the version field shows the current
        // state so a deliberate retry can succeed.
        var form = Request.HasFormContentType ? Request.Form : null;
        if (form?.ContainsKey(nameof(NewDate)) == true)
        {
            NewDate = typed.NewDate;
        }
        if (form?.ContainsKey(nameof(Version)) == true)
        {
            (Version, Name, SignificantChanges, ContentSummary) =
                (typed.Version, typed.Name, typed.SignificantChanges, typed.ContentSummary);
        }
        return Page();
    }
}

public sealed class TaskDecisionForm
{
    public int TaskId { get; set; }

    public string? Decision { get; set; }

    public string? Reason { get; set; }
}
