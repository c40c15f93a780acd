using Liftoff.Data;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Intake on behalf of a reseller or customer: similar requests appear while typing; one click adds the
/// requestor.</summary>
public sealed class IndexModel(
    FeatureRequests requests, RequestIntake intake, SimilarRequestEngine engine, AppDbContext db,
    Organisations.OrganisationAdministration organisations) : PageModel
{
    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int OrganisationId { get; set; }

    /// <summary>Empty when a known contact is picked from the list; the service says what is missing, in
    /// words.</summary>
    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public int? ContactId { get; set; }

    public IReadOnlyList<Organisations.OrganisationContact> Contacts { get; private set; } = [];

    /// <summary>Suggested requests on which the chosen organisation and contact already count.</summary>
    public IReadOnlySet<long> AlreadyCounted { get; private set; } = new HashSet<long>();

    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];

    public IReadOnlyList<RequestView> Requests { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Organisations { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Requests = await requests.ListAsync(HttpContext.RequestAborted);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name })
            .ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
        Contacts = OrganisationId > 0 ? await organisations.ContactsAsync(OrganisationId,
            HttpContext.RequestAborted) : [];
    }

    /// <summary>
    /// A contact picked from the list stands for its address and name; the backlog service refuses it
    /// with a clear message when it belongs to another organisation.
    /// </summary>
    private async Task<Requestor> RequestorAsync() =>
        ContactId is { } id && await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id) is { } contact
            ? new Requestor(OrganisationId, contact.Email, contact.Name)
            : new Requestor(OrganisationId, ContactEmail ?? "", ContactName);

    /// <summary>Live suggestions for the htmx-driven panel.</summary>
    public async Task<IActionResult> OnPostSimilarAsync()
    {
        Suggestions = SimilarSuggestions.Relevant(await engine.SearchAsync(Title, Description, 5, null,
            HttpContext.RequestAborted));
        var email = EmailAddresses.Normalise((await RequestorAsync()).ContactEmail);
        if (Suggestions.Count > 0 && OrganisationId > 0 && email.Length > 0)
        {
            var ids = Suggestions.Select(x => x.Id).ToList();
            AlreadyCounted = (await db.RequestVotes.AsNoTracking()
                .Where(v => ids.Contains(v.RequestId) && v.OrganisationId == OrganisationId && v.ContactEmail == email)
                .Select(v => v.RequestId).ToListAsync()).ToHashSet();
        }
        return Partial("_Suggestions", this);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await intake.CreateAsync(new NewRequest(Title, Description, null, await RequestorAsync()),
            User.UserId());
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
        var outcome = await intake.AddRequestorAsync(id, await RequestorAsync(), User.UserId());
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState);
        if (outcome.IsOk)
        {
            Message = $"Requestor added to “{outcome.Value!.Title}”: it now has {Plural.Count(outcome.Value.Votes,
                "vote")}.";
            Title = "";
            Description = null;
        }
        await OnGetAsync();
        return Page();
    }
}
