using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Tasks;

public sealed class DetailModel(RolloutTaskWork work, TaskReopening reopening) : PageModel
{
    public TaskDetail? Detail { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public int RowVersion { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? SkipNote { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? AssigneeUserId { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? EvidenceUrl { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Detail = await work.GetAsync(id);
        if (Detail is null)
        {
            return NotFound();
        }
        RowVersion = Detail.Task.RowVersion;
        AssigneeUserId = Detail.Task.AssigneeUserId;
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(int id) =>
        await ShowAsync(id, await work.SetStatusAsync(id, new TaskStatusInput(Status, SkipNote, RowVersion),
            User.UserId()), "Status changed.");

    public async Task<IActionResult> OnPostReopenAsync(int id) =>
        await ShowAsync(id, await reopening.ReopenAsync(id, new TaskReopenInput(Reason, RowVersion),
            User.UserId(), TasksApi.IsLead(User)), "Task reopened.");

    public async Task<IActionResult> OnPostAssignAsync(int id) =>
        await ShowAsync(id, await work.AssignAsync(id, new TaskAssigneeInput(AssigneeUserId, RowVersion)),
            "Assignee changed.");

    public async Task<IActionResult> OnPostCommentAsync(int id) =>
        await ShowAsync(id, await work.CommentAsync(id, new CommentInput(Body), User.UserId(),
            User.Identity?.Name ?? ""), "Comment added.");

    public async Task<IActionResult> OnPostEvidenceAsync(int id) =>
        await ShowAsync(id, await work.AddEvidenceAsync(id, new EvidenceInput(EvidenceUrl, Note), User.UserId()),
            "Evidence link added.");

    private async Task<IActionResult> ShowAsync<T>(int id, Outcome<T> outcome, string success)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        var typed = (SkipNote, Body, EvidenceUrl, Note, Reason);
        ModelState.Clear();
        outcome.CopyTo(ModelState);
        await OnGetAsync(id);
        if (outcome.IsOk)
        {
            Message = success;
            (SkipNote, Body, EvidenceUrl, Note, Reason) = (null, null, null, null, null);
        }
        else
        {
            (SkipNote, Body, EvidenceUrl, Note, Reason) = typed;
        }
        return Page();
    }
}
