using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.ReleaseNotes;

/// <summary>A release's notes: internal items, the customer-facing text, the leads' approvals and sharing.</summary>
public sealed class IndexModel(ReleaseNotesEditing editing, ReleaseNotesApproval approval, CustomerTeamsShare share,
    KbEditing kb,
    Liftoff.Data.AppDbContext db) : PageModel
{
    public ReleaseNotesView Notes { get; private set; } = null!;

    public IReadOnlyList<BlockedText> Blocked { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Generated { get; private set; }

    public DisclosureBlockView BlockView => new(Blocked, IsLead, "Override", Notes.ReleaseId);

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    /// <summary>The teams (Delivery, Customer Success) whose lead the signed-in person is: whose approval they
    /// give.</summary>
    public IReadOnlyList<string> LedTeams { get; private set; } = [];

    /// <summary>Whether every approval this person can give is already given for the current text.</summary>
    public bool ApprovedByMe =>
        LedTeams.Count > 0 &&
        (!LedTeams.Contains(Domain.Rollout.DefaultPlaybook.DeliveryTeam) || Notes.Delivery is not null) &&
        (!LedTeams.Contains(Domain.Rollout.DefaultPlaybook.CustomerSuccessTeam) || Notes.CustomerSuccess is not null);

    [BindProperty]
    public string? ItemText { get; set; }

    [BindProperty]
    public bool ItemExternal { get; set; }

    [BindProperty]
    public string? CustomerMarkdown { get; set; }

    [BindProperty]
    public string? CustomerImpactMarkdown { get; set; }

    [BindProperty]
    public NotesAudience Audience { get; set; } = NotesAudience.Both;

    [BindProperty]
    public int RowVersion { get; set; }

    [BindProperty]
    public string? TextHash { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, bool generate = false)
    {
        if (!await LoadAsync(id, keepInput: false))
        {
            return NotFound();
        }
        if (generate)
        {
            var external = Notes.Items.Count(i => i.IsExternal);
            if (external == 0)
            {
                ModelState.AddModelError("",
                    "There are no external items yet: mark at least one item external to generate the " +
                        "customer-facing notes.");
            }
            else
            {
                // Filled into the form only; nothing changes until it is saved.
                CustomerMarkdown = ReleaseNotesText.FromExternalItems(Notes.Items);
                Generated = $"Generated from {external} external item(s). Review the text, then save it.";
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAddItemAsync(int id)
    {
        var outcome = await editing.AddItemAsync(id, ItemText, ItemExternal, User.UserId(), HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, "Item added.", keepInput: !outcome.IsOk);
    }

    public async Task<IActionResult> OnPostMarkItemAsync(int id, int itemId, bool external) =>
        await AfterAsync(id, await editing.SetItemExternalAsync(id, itemId, external, HttpContext.RequestAborted),
            external ? "Item marked external." : "Item marked internal.");

    public async Task<IActionResult> OnPostRemoveItemAsync(int id, int itemId) =>
        await AfterAsync(id, await editing.RemoveItemAsync(id, itemId, HttpContext.RequestAborted), "Item removed.");

    public async Task<IActionResult> OnPostSaveCustomerAsync(int id)
    {
        var outcome = await editing.SaveCustomerNotesAsync(id, new CustomerNotesInput(CustomerMarkdown,
            CustomerImpactMarkdown, RowVersion, Audience), User.UserId(), HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.Conflict)
        {
            // The editor's text stays in the form's "your version" box; the form itself shows the current text.
            Generated = null;
            outcome.CopyTo(ModelState);
            var mine = CustomerMarkdown;
            await LoadAsync(id, keepInput: false);
            Conflicted = mine;
            return Page();
        }
        return await AfterAsync(id, outcome, "Customer-facing notes saved.", keepInput: !outcome.IsOk);
    }

    /// <summary>What the editor tried to save when someone else saved first.</summary>
    public string? Conflicted { get; private set; }

    public async Task<IActionResult> OnPostApproveAsync(int id)
    {
        var outcome = await approval.ApproveAsync(id, TextHash, User.UserId(), HttpContext.RequestAborted);
        if (outcome.Value is { Count: > 0 } blocked)
        {
            Blocked = blocked;
            await LoadAsync(id, keepInput: false);
            return Page();
        }
        return await AfterAsync(id, outcome, "Your approval is recorded.");
    }

    public async Task<IActionResult> OnPostCheckAsync(int id)
    {
        if (!await LoadAsync(id, keepInput: false))
        {
            return NotFound();
        }
        Blocked = await approval.CheckAsync(id, Notes.CustomerText, Notes.Audience, HttpContext.RequestAborted);
        Message = Blocked.Count == 0 ? "The disclosure check found nothing: these notes may go out." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostOverrideAsync(int id, int start, int length, string? reason)
    {
        if (!IsLead)
        {
            return Forbid();
        }
        var outcome = await approval.OverrideAsync(id, start, length, reason, User.UserId(),
            HttpContext.RequestAborted);
        if (outcome.IsOk && await LoadAsync(id, keepInput: false))
        {
            Blocked = await approval.CheckAsync(id, Notes.CustomerText, Notes.Audience, HttpContext.RequestAborted);
            Message = "The finding is let through for this exact text.";
            return Page();
        }
        return await AfterAsync(id, outcome, "");
    }

    public async Task<IActionResult> OnPostAskOverrideAsync(int id, int start, int length, string? reason)
    {
        var outcome = await approval.AskOverrideAsync(id, start, length, reason, User.UserId(),
            HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound || !await LoadAsync(id, keepInput: false))
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Message = OverrideRequests.AskedMessage;
        }
        else
        {
            outcome.CopyTo(ModelState);
            Blocked = await approval.CheckAsync(id, Notes.CustomerText, Notes.Audience, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostShareAsync(int id)
    {
        var outcome = await share.ShareAsync(id, User.UserId(), HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, outcome.Value ? "The notes are on their way to the customer teams."
            : "These notes were already shared with the customer teams; nothing was sent again.");
    }

    /// <summary>Starts a knowledge-base announcement of the release from the approved customer-facing notes.</summary>
    public async Task<IActionResult> OnPostCreateArticleAsync(int id)
    {
        if (!await LoadAsync(id, keepInput: false))
        {
            return NotFound();
        }
        if (!Notes.Approved)
        {
            ModelState.AddModelError("",
                "Both leads approve the customer-facing notes before they go into the knowledge base.");
            return Page();
        }
        var outcome = await kb.CreateAsync(new KbArticleInput($"{Notes.ReleaseTitle}: release notes",
            Notes.CustomerText, KbAudience.Public, id), User.UserId(), HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            return Redirect($"/KnowledgeBase/{outcome.Value!.Id}");
        }
        outcome.CopyTo(ModelState);
        return Page();
    }

    private async Task<IActionResult> AfterAsync<T>(int id, Outcome<T> outcome, string message, bool keepInput = false)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Message = message;
        }
        else
        {
            outcome.CopyTo(ModelState);
        }
        return await LoadAsync(id, keepInput) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, bool keepInput)
    {
        var notes = await editing.GetAsync(id, HttpContext.RequestAborted);
        if (notes is null)
        {
            return false;
        }
        Notes = notes;
        var me = User.UserId();
        LedTeams = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Teams.Where(t => t.LeadUserId == me).Select(t => t.Key), HttpContext.RequestAborted);
        if (!keepInput)
        {
            CustomerMarkdown = notes.CustomerMarkdown;
            CustomerImpactMarkdown = notes.CustomerImpactMarkdown;
            Audience = notes.Audience;
            ItemText = null;
            ItemExternal = false;
        }
        RowVersion = notes.RowVersion;
        return true;
    }
}
