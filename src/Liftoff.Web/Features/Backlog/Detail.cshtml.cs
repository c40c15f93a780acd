using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Domain.Backlog.Prioritisation;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Backlog.Merge;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

/// <summary>One request for staff: requestors, notes, comments, links, score, history; merge, status and
/// notification.</summary>
public sealed class DetailModel(
    RequestDetails details, SimilarRequestEngine engine, BacklogMerge merges, RequestStatusChanges statuses,
        RequestComments comments,
    Prioritisation priorities, ReleaseNotification notification, PortalSharing sharing, AppDbContext db,
        PickLists picks)
    : PageModel
{
    public RequestDetail Item { get; private set; } = null!;

    public IReadOnlyList<Suggestion> Similar { get; private set; } = [];

    public IReadOnlyList<PickOption> RoadmapItems { get; private set; } = [];

    public IReadOnlyList<PickOption> Releases { get; private set; } = [];

    public string? Message { get; private set; }

    public bool IsLead => User.IsInRole(Roles.Lead) || User.IsInRole(Roles.Admin);

    [BindProperty]
    [PickedId("Choose the other request from the list: type its number or words of its title.")]
    public long OtherId { get; set; }

    [BindProperty]
    public FeatureRequestStatus? Status { get; set; }

    [BindProperty]
    [PickedId("Choose the roadmap item from the list: type words of its title.")]
    public int? RoadmapItemId { get; set; }

    [BindProperty]
    [PickedId("Choose the release from the list: type part of its name or version.")]
    public int? ReleaseId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? InternalNotes { get; set; }

    [BindProperty]
    public int? RowVersion { get; set; }

    [BindProperty]
    public decimal? DealValue { get; set; }

    [BindProperty]
    public SalesUrgency? Urgency { get; set; }

    [BindProperty]
    public int? PartnershipStrength { get; set; }

    [BindProperty]
    public string? PartnershipNote { get; set; }

    [BindProperty]
    public int? Rating { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, long? merged, long? unmerged)
    {
        if (merged is { } m)
        {
            Message = $"#{m} is merged into this request: its requestors now count here and its comments are " +
                $"shown below.";
        }
        if (unmerged is { } u)
        {
            Message = $"#{u} is unmerged: it has its own requestors and status back.";
        }
        return await LoadAsync(id, fillForms: true);
    }

    /// <summary>Merges this request into another one, which is kept.</summary>
    /// <summary>Set by the confirmation step; a merge first asks.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    /// <summary>The merge waiting for confirmation: which request goes into which.</summary>
    public (long From, string FromTitle, long Into, string IntoTitle,
        string Handler)? PendingMerge
    { get; private set; }

    public async Task<IActionResult> OnPostMergeIntoAsync(long id)
    {
        if (ModelState[nameof(OtherId)]?.Errors.Count > 0)
        {
            return await LoadAsync(id, fillForms: false);
        }
        if (!Confirm)
        {
            return await AskAsync(id, id, OtherId, "MergeInto");
        }
        var outcome = await merges.MergeAsync(id, OtherId, User.UserId(), HttpContext.RequestAborted);
        return outcome.IsOk ? Redirect($"/Backlog/{OtherId}?merged={id}") : await ShowAsync(id, outcome);
    }

    /// <summary>Merges another request into this one, which is kept.</summary>
    public async Task<IActionResult> OnPostMergeHereAsync(long id)
    {
        if (!Confirm)
        {
            return await AskAsync(id, OtherId, id, "MergeHere");
        }
        var outcome = await merges.MergeAsync(OtherId, id, User.UserId(), HttpContext.RequestAborted);
        return outcome.IsOk ? Redirect($"/Backlog/{id}?merged={OtherId}") : await ShowAsync(id, outcome);
    }

    private async Task<IActionResult> AskAsync(long id, long from, long into, string handler)
    {
        var titles = await db.FeatureRequests.AsNoTracking().Where(r => r.Id == from || r.Id == into)
            .ToDictionaryAsync(r => r.Id, r => r.Title, HttpContext.RequestAborted);
        if (from == into || !titles.TryGetValue(from, out var fromTitle)
            || !titles.TryGetValue(into, out var intoTitle))
        {
            // Unknown numbers: the merge itself gives the message in words.
            return await ShowAsync(id, await merges.MergeAsync(from, into, User.UserId(), HttpContext.RequestAborted));
        }
        var page = await LoadAsync(id, fillForms: true);
        PendingMerge = (from, fromTitle, into, intoTitle, handler);
        OtherId = handler == "MergeInto" ? into : from;
        return page;
    }

    public async Task<IActionResult> OnPostUnmergeAsync(long id)
    {
        var outcome = await merges.UnmergeAsync(OtherId, User.UserId(), HttpContext.RequestAborted);
        return outcome.IsOk ? Redirect($"/Backlog/{id}?unmerged={OtherId}") : await ShowAsync(id, outcome);
    }

    public async Task<IActionResult> OnPostStatusAsync(long id) =>
        await ShowAsync(id, await statuses.SetStatusAsync(id, new StatusInput(Status, RoadmapItemId, ReleaseId, Note),
            User.UserId(), HttpContext.RequestAborted),
            "Status saved.");

    public async Task<IActionResult> OnPostCommentAsync(long id)
    {
        var outcome = await comments.AddAsync(id, new CommentInput(Body), User.UserId(), User.Identity?.Name ?? "",
            HttpContext.RequestAborted);
        if (outcome.IsOk)
        {
            Body = null;
        }
        return await ShowAsync(id, outcome, "Comment added.");
    }

    public async Task<IActionResult> OnPostNotesAsync(long id) =>
        await ShowAsync(id, await comments.UpdateNotesAsync(id, new NotesInput(InternalNotes, RowVersion),
            HttpContext.RequestAborted), "Internal notes saved.");

    public async Task<IActionResult> OnPostSharedAsync(long id, bool shared) =>
        await ShowAsync(id,
            await sharing.SetAsync(id, new PortalSharingInput(shared, RowVersion), HttpContext.RequestAborted),
            shared ? "The title is now shown to all portal users (when it passes the disclosure guard)."
                : "Only the requesting organisations see this request in the portal now.");

    public async Task<IActionResult> OnPostInputsAsync(long id) =>
        await ShowAsync(id, await priorities.UpdateInputsAsync(id,
            new PriorityInputsInput(DealValue, Urgency, PartnershipStrength, PartnershipNote), User.UserId(),
            HttpContext.RequestAborted),
            "Prioritisation inputs saved.");

    public async Task<IActionResult> OnPostStrategicFitAsync(long id)
    {
        if (!IsLead)
        {
            return Forbid();
        }
        return await ShowAsync(id, await priorities.SetStrategicFitAsync(id, new StrategicFitInput(Rating),
            User.UserId(), HttpContext.RequestAborted),
            "Strategic fit saved.");
    }

    public async Task<IActionResult> OnPostNotifyAsync(long id)
    {
        var outcome = await notification.NotifyRequestorsAsync(id, HttpContext.RequestAborted);
        return await ShowAsync(id, outcome, outcome.Value is { } r
            ? $"{Plural.Count(r.Queued, "requestor")} will be told that {r.Release} delivers this " +
                $"request{(r.AlreadyTold > 0 ? $"; {r.AlreadyTold} had already been told" : "")}."
            : null);
    }

    private async Task<IActionResult> ShowAsync<T>(long id, Outcome<T> outcome, string? success = null)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            Message = success;
            ModelState.Clear();
            return await LoadAsync(id, fillForms: true);
        }
        outcome.CopyTo(ModelState);
        // Keep what was typed next to the message.
        return await LoadAsync(id, fillForms: false);
    }

    private async Task<IActionResult> LoadAsync(long id, bool fillForms)
    {
        var ct = HttpContext.RequestAborted;
        var request = await details.GetAsync(id, ct);
        if (request is null)
        {
            return NotFound();
        }
        if (request.MergedIntoId is { } kept)
        {
            return Redirect($"/Backlog/{kept}?merged={id}");
        }
        Item = request;
        if (fillForms)
        {
            Status = request.Status;
            RoadmapItemId = request.RoadmapItem?.Id;
            ReleaseId = request.Release?.Id;
            InternalNotes = request.InternalNotes;
            RowVersion = request.RowVersion;
            DealValue = request.Inputs.DealValue;
            Urgency = request.Inputs.Urgency;
            PartnershipStrength = request.Inputs.PartnershipStrength;
            PartnershipNote = request.Inputs.PartnershipNote;
            Rating = request.Inputs.StrategicFit;
            OtherId = 0;
            Note = null;
        }
        // Below the measured relevance a suggestion is noise: it is not shown and no merge is offered for it.
        Similar = SimilarSuggestions.Relevant(await engine.SearchAsync(request.Title, request.Description, 5, id, ct));
        RoadmapItems = await picks.RoadmapItemsAsync(ct);
        Releases = (await db.Releases.AsNoTracking().OrderByDescending(r => r.PlannedDate)
                .Select(r => new { r.Id, r.Product, r.Version, r.Name, r.Status }).ToListAsync(ct))
            .Select(r => new PickOption(r.Id, $"{ReleaseNames.Display(r.Product, r.Version, r.Name)} " +
                $"({StatusLabel(r.Status)})")).ToList();
        return Page();
    }

    /// <summary>The release's status as the release pages write it ("in progress", "planned").</summary>
    private static string StatusLabel(ReleaseStatus status) => status switch
    {
        ReleaseStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Points(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
