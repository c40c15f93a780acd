using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.Roadmap;
using Liftoff.Web.Features.Support;
using Liftoff.Web.Features.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Home;

/// <summary>What kind of thing waits; the API gives it as a stable lower-case name.</summary>
public static class InboxKinds
{
    public const string NotesToApprove = "release-notes-to-approve";
    public const string StatementToDecide = "statement-to-decide";
    public const string OverrideToDecide = "override-request-to-decide";
    public const string TaskOverdue = "task-overdue";
    public const string TaskDue = "task-due-this-week";
    public const string LendingShopFailed = "lending-shop-delivery-failed";
    public const string UncertainRecipients = "uncertain-newsletter-recipients";
    public const string SurgeAlert = "support-surge-alert";
}

/// <summary>One thing that waits on the signed-in person, with the page where it is done.</summary>
public sealed record InboxItem(string Kind, string Title, string Detail, string Link, DateOnly? Due);

/// <summary>
/// "Waiting for you": everything that waits on one person, computed from the current state, so an
/// item disappears as soon as it is done (nothing to dismiss, nothing stored per instance).
/// </summary>
public sealed class WaitingForYou(
    AppDbContext db,
    TaskQueries queries,
    RolloutPeople people,
    StatementService statements,
    SurgeForecasts surges,
    UserManager<AppUser> users,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<InboxItem>> ForAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !user.IsActive)
        {
            return [];
        }
        var roles = await users.GetRolesAsync(user);
        var admin = roles.Contains(Roles.Admin);
        var lead = admin || roles.Contains(Roles.Lead);
        if (!lead && !roles.Contains(Roles.Staff))
        {
            return [];
        }
        var ledTeams = await db.Teams.AsNoTracking().Where(t => t.LeadUserId == userId).Select(t => t.Key)
            .ToListAsync(ct);
        var items = new List<InboxItem>();
        items.AddRange(await NotesToApproveAsync(ledTeams, ct));
        if (lead)
        {
            items.AddRange(await StatementsAsync(userId, ct));
            items.AddRange(await OverrideRequestsAsync(userId, ct));
        }
        items.AddRange(await TasksAsync(userId, ct));
        if (lead)
        {
            items.AddRange(await FailedDeliveriesAsync(ct));
        }
        items.AddRange(await UncertainRecipientsAsync(userId, lead, ct));
        if (lead || ledTeams.Count > 0)
        {
            items.AddRange(await SurgeAlertsAsync(ct));
        }
        return items;
    }

    private async Task<IEnumerable<InboxItem>> NotesToApproveAsync(List<string> ledTeams, CancellationToken ct)
    {
        var delivery = ledTeams.Contains(DefaultPlaybook.DeliveryTeam);
        var success = ledTeams.Contains(DefaultPlaybook.CustomerSuccessTeam);
        if (!delivery && !success)
        {
            return [];
        }
        var rows = await db.ReleaseNotes.AsNoTracking()
            .Where(n => n.CustomerMarkdown != "" &&
                ((delivery && n.DeliveryApprovedByUserId == null) ||
                    (success && n.CustomerSuccessApprovedByUserId == null)))
            .Join(db.Releases.Where(r => r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InProgress),
                n => n.ReleaseId, r => r.Id, (n, r) => new { r.Id, r.Product, r.Version, r.Name, r.PlannedDate })
            .OrderBy(r => r.PlannedDate).ToListAsync(ct);
        return rows.Select(r => new InboxItem(InboxKinds.NotesToApprove,
            $"Approve the release notes of {ReleaseNames.Display(r.Product, r.Version, r.Name)}",
            "The customer-facing notes wait for your approval.", $"/Releases/{r.Id}/Notes", r.PlannedDate));
    }

    private async Task<IEnumerable<InboxItem>> StatementsAsync(string userId, CancellationToken ct)
    {
        var pending = await db.ExternalStatements.AsNoTracking().Where(s => s.Status == StatementStatus.Pending)
            .OrderBy(s => s.RequestedAt)
            .Select(s => new { s.Id, s.RequestedByUserId, Item = s.Item!.Title, Organisation = s.Organisation!.Name })
            .ToListAsync(ct);
        var items = new List<InboxItem>();
        foreach (var s in pending)
        {
            if (await statements.CanDecideAsync(s.RequestedByUserId, userId, ct))
            {
                items.Add(new InboxItem(InboxKinds.StatementToDecide, $"Decide a statement to {s.Organisation}",
                    $"May we tell them about \"{s.Item}\"?", "/Roadmap/Statements", null));
            }
        }
        return items;
    }

    private async Task<IEnumerable<InboxItem>> OverrideRequestsAsync(string userId, CancellationToken ct)
    {
        // Only called for an active lead or Admin, who may decide every request but their own.
        var pending = await db.OverrideRequests.AsNoTracking()
            .Where(r => r.Status == OverrideRequestStatus.Pending && r.RequestedByUserId != userId)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.MatchedText, r.SourceTitle, r.RequestedByUserId, r.RequestedAt })
            .Take(200).ToListAsync(ct);
        return pending.Select(r => new InboxItem(InboxKinds.OverrideToDecide,
            $"Decide whether \"{r.MatchedText}\" may go out",
            $"{r.SourceTitle}: flagged by the disclosure check.", $"/Disclosure/Requests#request-{r.Id}", null));
    }

    private async Task<IEnumerable<InboxItem>> TasksAsync(string userId, CancellationToken ct)
    {
        var today = queries.Today;
        var items = new List<InboxItem>();
        foreach (var (task, title) in await queries.OpenTasksDueByAsync(today.AddDays(7), ct))
        {
            var mine = task.AssigneeUserId == userId ||
                (task.AssigneeUserId is null && (await people.OwnerIdsAsync(task.Owners, ct)).Contains(userId));
            if (!mine)
            {
                continue;
            }
            var overdue = task.DueDate < today;
            var days = Math.Abs(today.DayNumber - task.DueDate.DayNumber);
            var when = overdue ? $"Overdue by {Plural(days, "day")}" :
                task.DueDate == today ? "Due today" : $"Due in {Plural(days, "day")}";
            items.Add(new InboxItem(overdue ? InboxKinds.TaskOverdue : InboxKinds.TaskDue, task.Name,
                $"{when} · {title}", $"/Tasks/{task.Id}", task.DueDate));
        }
        return items;
    }

    private async Task<IEnumerable<InboxItem>> FailedDeliveriesAsync(CancellationToken ct)
    {
        var rows = await db.LendingShopDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.NotConfigured)
            .Join(db.Releases, d => d.ReleaseId, r => r.Id,
                (d, r) => new { r.Id, r.Product, r.Version, r.Name, d.Status })
            .ToListAsync(ct);
        return rows.Select(r => new InboxItem(InboxKinds.LendingShopFailed,
            $"Lending-shop update for {ReleaseNames.Display(r.Product, r.Version, r.Name)} did not arrive",
            r.Status == DeliveryStatus.NotConfigured ? "No lending-shop address was set when the release went out."
                : "Every attempt failed. Check the address and send it again.",
            $"/Releases/{r.Id}/LendingShop", null));
    }

    private async Task<IEnumerable<InboxItem>> UncertainRecipientsAsync(string userId, bool lead, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var rows = await db.NewsletterRecipients.AsNoTracking()
            .Where(r => r.Status == RecipientStatus.InFlight && r.LeaseUntil < now)
            .GroupBy(r => r.CampaignId).Select(g => new { CampaignId = g.Key, Count = g.Count() })
            .Join(db.NewsletterCampaigns, g => g.CampaignId, c => c.Id,
                (g, c) => new { c.Id, c.Subject, c.CreatedByUserId, g.Count })
            .ToListAsync(ct);
        return rows.Where(r => lead || r.CreatedByUserId == userId).Select(r => new InboxItem(
            InboxKinds.UncertainRecipients,
            $"Newsletter \"{r.Subject}\": {Plural(r.Count, "recipient")} may not have received it",
            "Decide whether to send to them again or mark them as done.", $"/Communications/Newsletter/{r.Id}", null));
    }

    // An alert waits while its run of days outside the band still goes on (yesterday's count is the latest).
    private async Task<IEnumerable<InboxItem>> SurgeAlertsAsync(CancellationToken ct) =>
        (await surges.ActiveAsync(ct))
            .Where(s => s.Alerts.Count > 0 && s.Alerts[^1].Days[^1] >= s.Today.AddDays(-2))
            .Select(s => new InboxItem(InboxKinds.SurgeAlert,
                $"Support volume " +
                $"{(s.Alerts[^1].Direction == Liftoff.Domain.Support.AlertDirection.AboveBand ? "above" : "below")} " +
                $"forecast after {s.ReleaseName}",
                $"Outside the forecast band for {Plural(s.Alerts[^1].Days.Count, "day")} running.",
                $"/Support/Release/{s.ReleaseId}", null));

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
