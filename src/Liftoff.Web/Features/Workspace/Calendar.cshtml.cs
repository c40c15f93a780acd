using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Workspace;

/// <summary>
/// Admins keep the workspace's working days and holidays; re-dating running plans is a separate, explicit step.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CalendarModel(WorkspaceCalendarStore store) : PageModel
{
    /// <summary>Empty holiday rows offered for new entries.</summary>
    public const int BlankRows = 3;

    public WorkspaceCalendarView? Current { get; private set; }

    public RedatePreview? Preview { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public List<string> WorkingDays { get; set; } = [];

    [BindProperty]
    public List<HolidayInput> Holidays { get; set; } = [];

    [BindProperty]
    public int RowVersion { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync(resetForm: true);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await store.SaveAsync(new WorkspaceCalendarInput(WorkingDays, Holidays, RowVersion));
        if (!outcome.IsOk)
        {
            ModelState.Clear();
            outcome.CopyTo(ModelState);
            await LoadAsync(resetForm: false);
            return Page();
        }
        ModelState.Clear();
        await LoadAsync(resetForm: true);
        Message = "Working calendar saved. Tasks already planned keep their dates until you re-date them below.";
        return Page();
    }

    public async Task<IActionResult> OnPostRedateAsync()
    {
        var outcome = await store.RedateOpenTasksAsync();
        ModelState.Clear();
        if (!outcome.IsOk)
        {
            outcome.CopyTo(ModelState);
        }
        await LoadAsync(resetForm: true);
        if (outcome.IsOk)
        {
            Message = $"{outcome.Value!.Tasks} open tasks of {outcome.Value.Releases} running releases " +
                "were re-dated; their owners are told.";
        }
        return Page();
    }

    private async Task LoadAsync(bool resetForm)
    {
        Current = await store.GetAsync();
        Preview = await store.PreviewAsync();
        if (resetForm)
        {
            WorkingDays = Current.WorkingDays.Select(d => d.ToString()).ToList();
            Holidays = Current.Holidays.Select(h => new HolidayInput(h.Date.ToString("yyyy-MM-dd"), h.Name)).ToList();
            RowVersion = Current.RowVersion;
        }
        Holidays.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new HolidayInput("", "")));
    }
}
