using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Backlog;

/// <summary>The shared prioritisation weights; Leads and Admins change them.</summary>
[Authorize(Policy = Policies.Lead)]
public sealed class WeightsModel(Prioritisation priorities) : PageModel
{
    [BindProperty]
    public WeightsInput Form { get; set; } = null!;

    public bool IsDefault { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        var view = await priorities.WeightsViewAsync(HttpContext.RequestAborted);
        Form = view.Weights;
        IsDefault = view.IsDefault;
        UpdatedAt = view.UpdatedAt;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return await KeepTypedAsync();
        }
        var outcome = await priorities.UpdateWeightsAsync(Form, User.UserId(), HttpContext.RequestAborted);
        if (!outcome.IsOk)
        {
            outcome.CopyTo(ModelState, nameof(Form));
            return await KeepTypedAsync();
        }
        await OnGetAsync();
        Message = "Weights saved; every request's score now uses them.";
        return Page();
    }

    private async Task<IActionResult> KeepTypedAsync()
    {
        var typed = Form;
        await OnGetAsync();
        Form = typed with { RowVersion = Form.RowVersion };
        return Page();
    }
}
