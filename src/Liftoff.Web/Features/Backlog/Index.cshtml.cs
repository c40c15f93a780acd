using Liftoff.Data;
using Liftoff.Web.Features.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Intake on behalf of a reseller or customer: similar requests appear while typing; one click adds the requestor.</summary>
public sealed class IndexModel(BacklogService backlog, SimilarRequestEngine engine, AppDbContext db) : PageModel
{
    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int OrganisationId { get; set; }

    [BindProperty]
    public string ContactEmail { get; set; } = "";

    [BindProperty]
    public string? ContactName { get; set; }

    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];

    public IReadOnlyList<RequestView> Requests { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Organisations { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Requests = await backlog.ListAsync(HttpContext.RequestAborted);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }

    /// <summary>Live suggestions for the htmx-driven panel.</summary>
    public async Task<IActionResult> OnPostSimilarAsync()
    {
        Suggestions = await engine.SearchAsync(Title, Description, 5, null, HttpContext.RequestAborted);
        return Partial("_Suggestions", this);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await backlog.CreateAsync(new NewRequest(Title, Description, null, new Requestor(OrganisationId, ContactEmail, ContactName)), AccountApi.UserId(User));
        outcome.CopyTo(ModelState);
        if (outcome.IsOk)
        {
            Message = $"Request #{outcome.Value!.Id} recorded with its first requestor.";
            Title = "";
            Description = null;
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUpvoteAsync(long id)
    {
        var outcome = await backlog.AddRequestorAsync(id, new Requestor(OrganisationId, ContactEmail, ContactName), AccountApi.UserId(User));
        if (outcome.Kind == Infrastructure.Web.OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState);
        if (outcome.IsOk)
        {
            Message = $"Requestor added to “{outcome.Value!.Title}”: it now has {outcome.Value.Votes} vote(s).";
            Title = "";
            Description = null;
        }
        await OnGetAsync();
        return Page();
    }
}
