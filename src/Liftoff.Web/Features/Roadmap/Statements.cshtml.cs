using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Roadmap;

public sealed class StatementsModel(StatementService statements, AppDbContext db, PickLists picks) : PageModel
{
    public IReadOnlyList<StatementView> Statements { get; private set; } = [];

    public IReadOnlyList<ApprovedPhrasing> Phrasings { get; private set; } = [];

    public IReadOnlyList<PickOption> Items { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Organisations { get; private set; } = [];

    public HashSet<int> Decidable { get; } = [];

    [BindProperty(SupportsGet = true)]
    [PickedId("Choose the roadmap item from the list: type words of its title.")]
    public int ItemId { get; set; }

    [BindProperty]
    public int OrganisationId { get; set; }

    [BindProperty]
    public int PhrasingId { get; set; }

    [BindProperty]
    public string? Context { get; set; }

    [BindProperty]
    public string? PublicName { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? NewPhrasing { get; set; }

    public string? Message { get; private set; }

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Statements = await statements.ListAsync(null, ct);
        Phrasings = await statements.PhrasingsAsync(ct);
        Items = await picks.RoadmapItemsAsync(ct);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name })
            .ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
        var me = User.UserId();
        foreach (var s in Statements.Where(s => s.Status == StatementStatus.Pending))
        {
            if (await statements.CanDecideAsync(s.RequestedByUserId, me, ct))
            {
                Decidable.Add(s.Id);
            }
        }
    }

    public async Task<IActionResult> OnPostRequestAsync()
    {
        var outcome = await statements.RequestAsync(new StatementRequest(ItemId, OrganisationId, PhrasingId, Context,
            PublicName), User.UserId());
        outcome.CopyTo(ModelState);
        if (outcome.IsOk)
        {
            Message = "Asked. Your team lead decides; you will see the answer here.";
            Context = null;
            PublicName = null;
        }
        await OnGetAsync();
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id) => Decide(id, true);

    public Task<IActionResult> OnPostRejectAsync(int id) => Decide(id, false);

    public async Task<IActionResult> OnPostPhrasingAsync()
    {
        if (!IsLead)
        {
            return Forbid();
        }
        var outcome = await statements.AddPhrasingAsync(NewPhrasing ?? "", User.UserId());
        outcome.CopyTo(ModelState);
        Message = outcome.IsOk ? "Phrasing added to the library." : null;
        await OnGetAsync();
        return Page();
    }

    private async Task<IActionResult> Decide(int id, bool approve)
    {
        if (!IsLead)
        {
            return Forbid();
        }
        var outcome = await statements.DecideAsync(id, approve, Comment, User.UserId());
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        outcome.CopyTo(ModelState);
        Message = outcome.IsOk ? (approve ? "Approved: this exact text may now be said to this organisation."
            : "Rejected.") : null;
        await OnGetAsync();
        return Page();
    }
}
