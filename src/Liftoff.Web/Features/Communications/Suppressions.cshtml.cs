using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Communications;

public sealed class SuppressionsModel(SuppressionList list) : PageModel
{
    public IReadOnlyList<SuppressionView> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync() => Rows = await list.ListAsync(Search);

    public async Task<IActionResult> OnPostAddAsync(string? email, string? note)
    {
        var outcome = await list.AddAsync(new SuppressionInput(email, note), User.Identity?.Name);
        if (outcome.IsOk)
        {
            Message = $"{outcome.Value!.Email} is suppressed: no newsletter goes to it.";
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        Rows = await list.ListAsync(Search);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? email)
    {
        var outcome = await list.RemoveAsync(email);
        if (outcome.IsOk)
        {
            Message = $"{email} was removed from the suppression list.";
        }
        else
        {
            ModelState.AddModelError("", $"{email} is not on the suppression list, so there was nothing to remove.");
        }
        Rows = await list.ListAsync(Search);
        return Page();
    }
}
