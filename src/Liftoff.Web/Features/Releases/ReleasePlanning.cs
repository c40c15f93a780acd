using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Backlog;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Features.LendingShop;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Releases;

/// <summary>Fields of a new or edited release. Dates are text so a bad one gets a message naming the field.</summary>
public sealed record ReleaseInput(
    string? Product,
    string? Version,
    string? PlannedDate,
    bool SignificantChanges = false,
    string? ContentSummary = null,
    string? Name = null,
    int? PlaybookId = null,
    int? RowVersion = null);

public sealed record MoveReleaseInput(string? NewDate, int? RowVersion);

/// <param name="TellRequestors">Tell the requestors of the shipped requests (default yes).</param>
/// <param name="Decisions">For marking released: done, or skipped with a reason, per open pre-release task.</param>
public sealed record ReleaseStatusInput(string? Status, int? RowVersion, bool? TellRequestors = null,
    IReadOnlyList<TaskDecisionInput>? Decisions = null);

/// <summary>Creates releases from playbooks and keeps their plans in step with every change.</summary>
public sealed class ReleasePlanning(
    AppDbContext db,
    AuditLog audit,
    RolloutPeople people,
    PlaybookLibrary playbooks,
    ReleaseQueries queries,
    WorkspaceCalendarStore calendars,
    LendingShopNotice lendingShop,
    ReleaseNewsletterSchedule newsletters,
    ShippedRequests shipped,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Outcome<ReleaseView>> CreateAsync(ReleaseInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var product = ParseProduct(input.Product, errors);
        var date = ParseDate(input.PlannedDate, "PlannedDate", errors);
        var version = input.Version?.Trim() ?? "";
        if (version.Length is 0 or > 50)
        {
            errors["Version"] = ["The version is required (at most 50 characters)."];
        }
        CheckText(input, errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        if (date < Today)
        {
            return Outcome<ReleaseView>.Invalid("PlannedDate", $"The planned date {date:yyyy-MM-dd} is in the past.");
        }
        if (await db.Releases.AnyAsync(r => r.Product == product && r.Version == version, ct))
        {
            return Outcome<ReleaseView>.Invalid("Version", $"A {product.ToString().ToLowerInvariant()} release {version} already exists.");
        }
        var playbook = input.PlaybookId is { } pid
            ? await db.Playbooks.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == pid, ct)
            : await playbooks.DefaultForAsync(product, ct);
        if (playbook is null)
        {
            return Outcome<ReleaseView>.Invalid("PlaybookId", "The chosen playbook does not exist.");
        }

        var release = new ReleaseEntity
        {
            Product = product,
            Version = version,
            Name = input.Name?.Trim() ?? "",
            PlannedDate = date,
            SignificantChanges = input.SignificantChanges,
            Status = ReleaseStatus.Planned,
            ContentSummary = input.ContentSummary?.Trim() ?? "",
            PlaybookId = playbook.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        var tasks = RolloutScheduler.Instantiate(RolloutMapping.ToDomain(release), RolloutMapping.ToDomain(playbook), await calendars.CalendarAsync(ct));
        if (!tasks.IsOk)
        {
            return Outcome<ReleaseView>.Invalid(ToDictionary(tasks.Errors));
        }
        var teams = await people.TeamsAsync(ct);
        foreach (var task in tasks.Value)
        {
            var entity = new RolloutTaskEntity();
            RolloutMapping.CopyTo(task, entity);
            entity.AssigneeUserId = DefaultAssignee(task, teams);
            release.Tasks.Add(entity);
        }
        db.Releases.Add(release);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("release.created", "release", release.Id.ToString(CultureInfo.InvariantCulture),
            $"{product} {version} planned for {date:yyyy-MM-dd} with {tasks.Value.Count} tasks from playbook '{playbook.Name}'", ct: ct);
        return Outcome<ReleaseView>.Ok((await queries.GetAsync(release.Id, ct))!);
    }

    /// <summary>Edits the release's fields; a changed date moves the plan, a changed flag re-evaluates conditions.</summary>
    public async Task<Outcome<ReleaseView>> UpdateAsync(int id, ReleaseInput input, CancellationToken ct = default)
    {
        var release = await LoadAsync(id, ct);
        if (release is null)
        {
            return Outcome<ReleaseView>.NotFound();
        }
        if (Stale(release, input.RowVersion) is { } conflict)
        {
            return conflict;
        }
        var errors = new Dictionary<string, string[]>();
        var version = input.Version?.Trim() ?? "";
        if (version.Length is 0 or > 50)
        {
            errors["Version"] = ["The version is required (at most 50 characters)."];
        }
        var product = input.Product is null ? release.Product : ParseProduct(input.Product, errors);
        var date = input.PlannedDate is null ? release.PlannedDate : ParseDate(input.PlannedDate, "PlannedDate", errors);
        CheckText(input, errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        if (release.IsClosedStatus() && (date != release.PlannedDate || input.SignificantChanges != release.SignificantChanges || product != release.Product))
        {
            return Outcome<ReleaseView>.Invalid("Status", $"A {RolloutMapping.StatusLabel(release.Status)} release keeps its plan; its date, product and significance cannot change.");
        }
        if ((product != release.Product || version != release.Version) &&
            await db.Releases.AnyAsync(r => r.Id != id && r.Product == product && r.Version == version, ct))
        {
            return Outcome<ReleaseView>.Invalid("Version", $"A {product.ToString().ToLowerInvariant()} release {version} already exists.");
        }

        var details = new List<string>();
        var changes = new List<(TaskChange, string?)>();
        if (date != release.PlannedDate)
        {
            var moved = Move(release, date, changes, await calendars.CalendarAsync(ct));
            if (!moved.IsOk)
            {
                return Outcome<ReleaseView>.Invalid(ToDictionary(moved.Errors));
            }
            details.Add($"date {moved.Value.Reason}");
        }
        var reevaluate = input.SignificantChanges != release.SignificantChanges || product != release.Product;
        release.Version = version;
        release.Name = input.Name?.Trim() ?? "";
        release.ContentSummary = input.ContentSummary?.Trim() ?? "";
        release.SignificantChanges = input.SignificantChanges;
        release.Product = product;
        if (reevaluate)
        {
            var result = await ReevaluateAsync(release, changes, ct);
            if (result is not null)
            {
                return Outcome<ReleaseView>.Invalid(result);
            }
            details.Add($"significant changes {(release.SignificantChanges ? "on" : "off")}, product {product}");
        }
        audit.Add("release.updated", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: {(details.Count == 0 ? "details edited" : string.Join("; ", details))}. " + Describe(changes));
        return await SaveAsync(release, changes, ct);
    }

    public async Task<Outcome<ReleaseView>> MoveAsync(int id, MoveReleaseInput input, CancellationToken ct = default)
    {
        var release = await LoadAsync(id, ct);
        if (release is null)
        {
            return Outcome<ReleaseView>.NotFound();
        }
        if (Stale(release, input.RowVersion) is { } conflict)
        {
            return conflict;
        }
        var errors = new Dictionary<string, string[]>();
        var date = ParseDate(input.NewDate, "NewDate", errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        var changes = new List<(TaskChange, string?)>();
        var oldDate = release.PlannedDate;
        var moved = Move(release, date, changes, await calendars.CalendarAsync(ct));
        if (!moved.IsOk)
        {
            return Outcome<ReleaseView>.Invalid(ToDictionary(moved.Errors));
        }
        await newsletters.FollowMoveAsync(id, Title(release), oldDate, date, ct);
        audit.Add("release.moved", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: {moved.Value.Reason} " + Describe(changes));
        return await SaveAsync(release, changes, ct);
    }

    public async Task<Outcome<ReleaseView>> SetStatusAsync(int id, ReleaseStatusInput input, string? userId = null,
        CancellationToken ct = default)
    {
        var release = await LoadAsync(id, ct);
        if (release is null)
        {
            return Outcome<ReleaseView>.NotFound();
        }
        if (Stale(release, input.RowVersion) is { } conflict)
        {
            return conflict;
        }
        var status = ParseStatus(input.Status);
        if (status is null)
        {
            return Outcome<ReleaseView>.Invalid("Status", "The status must be one of: planned, in progress, released, cancelled.");
        }
        var tell = input.TellRequestors ?? true;
        if (status == release.Status)
        {
            if (status == ReleaseStatus.Released && tell)
            {
                // A retry finishes what an interrupted release left undone; nobody is told twice.
                await shipped.TellRequestorsAsync(id, ct);
            }
            return Outcome<ReleaseView>.Ok((await queries.GetAsync(id, ct))!);
        }
        if (release.IsClosedStatus())
        {
            return Outcome<ReleaseView>.Invalid("Status", $"The release is already {RolloutMapping.StatusLabel(release.Status)}; its status cannot change any more.");
        }
        var old = release.Status;
        var moved = 0;
        if (status == ReleaseStatus.Released)
        {
            var refused = ReleaseTaskDecisions.Apply(release, input.Decisions, userId, clock.GetUtcNow(), audit);
            if (refused is not null)
            {
                return Outcome<ReleaseView>.Invalid(refused);
            }
            release.ReleasedAt = clock.GetUtcNow();
            // Saved with the status change: released means the lending shop will be told.
            await lendingShop.AddForAsync(release, ct);
            moved = await shipped.MoveLinkedAsync(release, userId, ct);
        }
        if (status == ReleaseStatus.Cancelled)
        {
            await newsletters.PauseForCancelledReleaseAsync(id, Title(release), ct);
        }
        release.Status = status.Value;
        var shippedNote = status == ReleaseStatus.Released
            ? $"; {moved} linked requests released, requestors told: {(tell ? "yes" : "no")}"
            : "";
        audit.Add("release.status", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: {RolloutMapping.StatusLabel(old)} → " +
            $"{RolloutMapping.StatusLabel(status.Value)}{shippedNote}");
        var saved = await SaveAsync(release, [], ct);
        if (saved.IsOk && status == ReleaseStatus.Released && tell)
        {
            // After the release is saved as released: the disclosure guard treats its items as public only then.
            await shipped.TellRequestorsAsync(id, ct);
        }
        return saved;
    }

    /// <summary>
    /// Brings an open release's tasks in line with its playbook as it is now (after the playbook was
    /// edited): open tasks take the step's new fields and dates, new steps are added, open tasks of
    /// removed steps are skipped. Finished work is never touched.
    /// </summary>
    public async Task<Outcome<ReleaseView>> ApplyPlaybookAsync(int id, int? rowVersion, CancellationToken ct = default)
    {
        var release = await LoadAsync(id, ct);
        if (release is null)
        {
            return Outcome<ReleaseView>.NotFound();
        }
        if (Stale(release, rowVersion) is { } conflict)
        {
            return conflict;
        }
        if (release.IsClosedStatus())
        {
            return Outcome<ReleaseView>.Invalid("Status", $"A {RolloutMapping.StatusLabel(release.Status)} release keeps its plan.");
        }
        var playbook = release.PlaybookId is { } pid
            ? await db.Playbooks.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == pid, ct)
            : null;
        if (playbook is null)
        {
            return Outcome<ReleaseView>.Invalid("PlaybookId", "The release has no playbook to apply.");
        }
        var calendar = await calendars.CalendarAsync(ct);
        var domainRelease = RolloutMapping.ToDomain(release);
        var steps = RolloutMapping.ToDomain(playbook).Steps;
        var teams = await people.TeamsAsync(ct);
        var changed = new List<string>();
        foreach (var step in steps)
        {
            var task = release.Tasks.FirstOrDefault(t => t.StepKey == step.Key);
            var applies = step.Condition is null || step.Condition.IsMetBy(domainRelease);
            var fresh = RolloutScheduler.Place(new RolloutTask
            {
                StepKey = step.Key,
                Name = step.Name,
                Owners = step.Owners,
                Prerequisites = step.Prerequisites,
                OffsetDays = (int)step.Offset.TotalDays,
                DurationDays = step.DurationDays,
                DueDate = default,
                Description = step.Description,
                Checklist = step.Checklist,
            }, release.PlannedDate, calendar);
            if (task is null)
            {
                if (applies)
                {
                    var entity = new RolloutTaskEntity();
                    RolloutMapping.CopyTo(fresh, entity);
                    entity.AssigneeUserId = DefaultAssignee(fresh, teams);
                    release.Tasks.Add(entity);
                    changed.Add($"added {step.Key}");
                }
            }
            else if (task.Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress)
            {
                var status = task.Status;
                RolloutMapping.CopyTo(fresh with { Status = status }, task);
                if (!applies)
                {
                    task.Status = RolloutTaskStatus.Skipped;
                    task.SkipReason = SkipReason.ConditionNotMet;
                }
                changed.Add($"updated {step.Key}");
            }
        }
        foreach (var orphan in release.Tasks.Where(t => t.Status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress && steps.All(s => s.Key != t.StepKey)))
        {
            orphan.Status = RolloutTaskStatus.Skipped;
            orphan.SkipReason = SkipReason.Manual;
            orphan.SkipNote = "The step was removed from the playbook.";
            changed.Add($"skipped {orphan.StepKey}");
        }
        // Touch the release row so a concurrent edit of the release collides with this one.
        db.Entry(release).Property(r => r.RowVersion).IsModified = true;
        audit.Add("release.playbook-applied", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: playbook '{playbook.Name}' applied ({string.Join(", ", changed)})");
        return await SaveAsync(release, [], ct);
    }

    private Domain.Outcome<(ScheduleUpdate Update, string Reason)> Move(ReleaseEntity release, DateOnly date, List<(TaskChange, string?)> changes, WorkingCalendar calendar)
    {
        var tasks = release.Tasks.OrderBy(t => t.Id).ToList();
        var result = RolloutScheduler.MoveRelease(RolloutMapping.ToDomain(release), date,
            tasks.Select(RolloutMapping.ToDomain).ToList(), calendar, Today);
        if (!result.IsOk)
        {
            return Outcome.Invalid<(ScheduleUpdate, string)>(result.Errors);
        }
        var reason = $"moved from {release.PlannedDate:yyyy-MM-dd} to {date:yyyy-MM-dd}";
        for (var i = 0; i < tasks.Count; i++)
        {
            RolloutMapping.CopyTo(result.Value.Tasks[i], tasks[i]);
        }
        changes.AddRange(result.Value.Changes.Select(c => (c, tasks.First(t => t.StepKey == c.StepKey).AssigneeUserId)));
        release.PlannedDate = date;
        return Outcome.Ok((result.Value, reason));
    }

    /// <summary>Returns errors by field, or null when the conditions were brought in line.</summary>
    private async Task<Dictionary<string, string[]>?> ReevaluateAsync(ReleaseEntity release, List<(TaskChange, string?)> changes, CancellationToken ct)
    {
        var playbook = release.PlaybookId is { } pid
            ? await db.Playbooks.AsNoTracking().Include(p => p.Steps).FirstOrDefaultAsync(p => p.Id == pid, ct)
            : null;
        if (playbook is null)
        {
            return null;
        }
        var tasks = release.Tasks.OrderBy(t => t.Id).ToList();
        var result = RolloutScheduler.ReevaluateConditions(RolloutMapping.ToDomain(release), RolloutMapping.ToDomain(playbook),
            tasks.Select(RolloutMapping.ToDomain).ToList(), await calendars.CalendarAsync(ct));
        if (!result.IsOk)
        {
            return ToDictionary(result.Errors);
        }
        var teams = await people.TeamsAsync(ct);
        for (var i = 0; i < result.Value.Tasks.Count; i++)
        {
            var task = result.Value.Tasks[i];
            if (i < tasks.Count)
            {
                RolloutMapping.CopyTo(task, tasks[i]);
            }
            else
            {
                var entity = new RolloutTaskEntity();
                RolloutMapping.CopyTo(task, entity);
                entity.AssigneeUserId = DefaultAssignee(task, teams);
                release.Tasks.Add(entity);
            }
        }
        changes.AddRange(result.Value.Changes.Select(c => (c, release.Tasks.First(t => t.StepKey == c.StepKey).AssigneeUserId)));
        return null;
    }

    private async Task<Outcome<ReleaseView>> SaveAsync(ReleaseEntity release, List<(TaskChange, string?)> changes, CancellationToken ct)
    {
        if (changes.Count > 0)
        {
            // The new row version identifies this change, so retries never tell owners twice.
            await people.NotifyChangesAsync(release.Id, Title(release), changes, $"v{release.RowVersion + 1}", ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent change won (stale row version, or the same release marked released twice at once).
            db.ChangeTracker.Clear();
            return await ConflictAsync(release.Id, ct);
        }
        return Outcome<ReleaseView>.Ok((await queries.GetAsync(release.Id, ct))!);
    }

    private static Outcome<ReleaseView>? Stale(ReleaseEntity release, int? rowVersion) =>
        rowVersion is { } v && v != release.RowVersion ? ConflictNow(release) : null;

    private static Outcome<ReleaseView> ConflictNow(ReleaseEntity r) => Outcome<ReleaseView>.Conflict(
        $"Someone else changed this release meanwhile. It is now: {r.Product} {r.Version}, planned for {r.PlannedDate:yyyy-MM-dd}, " +
        $"status {RolloutMapping.StatusLabel(r.Status)}, significant changes {(r.SignificantChanges ? "yes" : "no")} (version {r.RowVersion}). " +
        "Reload and apply your change again.");

    private async Task<Outcome<ReleaseView>> ConflictAsync(int id, CancellationToken ct)
    {
        var current = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return current is null ? Outcome<ReleaseView>.NotFound() : ConflictNow(current);
    }

    private Task<ReleaseEntity?> LoadAsync(int id, CancellationToken ct) =>
        db.Releases.Include(r => r.Tasks).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>A task owned only by team leads who are one person gets that person straight away; team tasks wait to be picked up.</summary>
    public static string? DefaultAssignee(RolloutTask task, IReadOnlyDictionary<string, TeamPeople> teams)
    {
        if (task.Owners.Count == 0 || task.Owners.Any(o => o.Role != OwnerRole.TeamLead))
        {
            return null;
        }
        var leads = task.Owners.Select(o => teams.TryGetValue(o.TeamKey, out var t) ? t.LeadUserId : null).Distinct().ToList();
        return leads.Count == 1 ? leads[0] : null;
    }

    private static string Title(ReleaseEntity r) => Liftoff.Domain.Rollout.ReleaseNames.Display(r.Product, r.Version, r.Name);

    private static string Describe(List<(TaskChange Change, string?)> changes) =>
        changes.Count == 0 ? "" : "Tasks: " + string.Join("; ", changes.Select(c => c.Change.Kind switch
        {
            TaskChangeKind.Redated => $"{c.Change.StepKey} {c.Change.OldDueDate:yyyy-MM-dd}→{c.Change.NewDueDate:yyyy-MM-dd}",
            _ => $"{c.Change.StepKey} {c.Change.Kind.ToString().ToLowerInvariant()}",
        }));

    private static void CheckText(ReleaseInput input, Dictionary<string, string[]> errors)
    {
        if ((input.Name?.Length ?? 0) > 200)
        {
            errors["Name"] = ["The name may have at most 200 characters."];
        }
        if ((input.ContentSummary?.Length ?? 0) > 8000)
        {
            errors["ContentSummary"] = ["The content summary may have at most 8000 characters."];
        }
    }

    private static ProductKind ParseProduct(string? value, Dictionary<string, string[]> errors)
    {
        foreach (var kind in Enum.GetValues<ProductKind>())
        {
            if (string.Equals(kind.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }
        errors["Product"] = ["The product must be 'software' or 'hardware'."];
        return default;
    }

    public static DateOnly ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = [string.IsNullOrWhiteSpace(value) ? "A date is required (yyyy-MM-dd)." : $"'{value}' is not a valid date (expected yyyy-MM-dd)."];
            return default;
        }
        if (!ReleaseDates.IsSupported(date))
        {
            errors[field] = [ReleaseDates.RangeMessage(date)];
        }
        return date;
    }

    public static ReleaseStatus? ParseStatus(string? value) =>
        value?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "planned" => ReleaseStatus.Planned,
            "inprogress" => ReleaseStatus.InProgress,
            "released" => ReleaseStatus.Released,
            "cancelled" or "canceled" => ReleaseStatus.Cancelled,
            _ => null,
        };

    public static Dictionary<string, string[]> ToDictionary(IReadOnlyList<Domain.FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}

internal static class ReleaseEntityExtensions
{
    public static bool IsClosedStatus(this ReleaseEntity r) => r.Status is ReleaseStatus.Released or ReleaseStatus.Cancelled;
}
