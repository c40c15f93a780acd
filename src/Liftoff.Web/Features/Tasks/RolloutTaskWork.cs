using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

public sealed record TaskStatusInput(string? Status, string? SkipNote = null, int? RowVersion = null);

public sealed record TaskAssigneeInput(string? UserId, int? RowVersion = null);

public sealed record CommentInput(string? Body);

public sealed record EvidenceInput(string? Url, string? Note);

public sealed record CommentView(long Id, string AuthorName, string Body, DateTimeOffset CreatedAt);

public sealed record EvidenceView(long Id, string Url, string Note, DateTimeOffset AddedAt);

public sealed record TaskDetail(TaskView Task, string ReleaseTitle, ReleaseStatus ReleaseStatus,
    IReadOnlyList<CommentView> Comments, IReadOnlyList<EvidenceView> Evidence, IReadOnlyList<Person> Candidates)
{
    /// <summary>Whether the task's status can still change: its release runs, or it is post-release work.</summary>
    public bool Workable => ReleaseStatus != ReleaseStatus.Cancelled &&
        (ReleaseStatus != ReleaseStatus.Released || !PreReleaseWork.IsPreRelease(Task.OffsetDays));
}

/// <summary>Work on one rollout task: status (with gates), assignee, comments and evidence links.</summary>
public sealed class RolloutTaskWork(AppDbContext db, AuditLog audit, RolloutPeople people, TaskQueries queries,
    TimeProvider clock)
{
    public async Task<TaskDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (task is null)
        {
            return null;
        }
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == task.ReleaseId)
            .Select(r => new { r.Name, r.Product, r.Version, r.Status }).FirstAsync(ct);
        var comments = await db.RolloutTaskComments.AsNoTracking().Where(c => c.TaskId == id).OrderBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.AuthorName, c.Body, c.CreatedAt)).ToListAsync(ct);
        var evidence = await db.RolloutTaskEvidence.AsNoTracking().Where(e => e.TaskId == id).OrderBy(e => e.Id)
            .Select(e => new EvidenceView(e.Id, e.Url, e.Note, e.AddedAt)).ToListAsync(ct);
        var candidateIds = await people.OwnerIdsAsync(task.Owners, ct);
        var candidates = await db.Users.AsNoTracking().Where(u => candidateIds.Contains(u.Id) && u.IsActive)
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        var title = Liftoff.Domain.Rollout.ReleaseNames.Display(release.Product, release.Version, release.Name);
        return new TaskDetail(task, title, release.Status, comments, evidence, candidates);
    }

    public async Task<Outcome<TaskView>> SetStatusAsync(int id, TaskStatusInput input, string? userId,
        CancellationToken ct = default)
    {
        var task = await db.RolloutTasks.Include(t => t.Release).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return Outcome<TaskView>.NotFound();
        }
        if (input.RowVersion is { } v && v != task.RowVersion)
        {
            return Conflict(task);
        }
        var status = ParseStatus(input.Status);
        if (status is null)
        {
            return Outcome<TaskView>.Invalid("Status", "The status must be one of: todo, in progress, done, skipped.");
        }
        var release = task.Release!;
        if (status != task.Status && ClosedBecauseOfRelease(task) is { } settled)
        {
            return Outcome<TaskView>.Invalid("Status", settled);
        }
        if (status is RolloutTaskStatus.Todo or RolloutTaskStatus.InProgress &&
            task.Status is RolloutTaskStatus.Done or RolloutTaskStatus.Skipped)
        {
            return Outcome<TaskView>.Invalid("Status",
                $"'{task.Name}' is {RolloutMapping.StatusLabel(task.Status)}; reopen it with a reason instead.");
        }
        if (status == RolloutTaskStatus.Skipped && string.IsNullOrWhiteSpace(input.SkipNote))
        {
            return Outcome<TaskView>.Invalid("SkipNote", "Say why the task is skipped.");
        }
        if ((input.SkipNote?.Length ?? 0) > 1000)
        {
            return Outcome<TaskView>.Invalid("SkipNote", "The reason may have at most 1000 characters.");
        }
        if (status == RolloutTaskStatus.Done && task.Status != RolloutTaskStatus.Done)
        {
            var siblings = await db.RolloutTasks.AsNoTracking().Where(t => t.ReleaseId == task.ReleaseId)
                .ToListAsync(ct);
            var gate = GateRule.CanMarkDone(RolloutMapping.ToDomain(task),
                siblings.Select(RolloutMapping.ToDomain).ToList());
            if (!gate.Allowed)
            {
                return Outcome<TaskView>.Invalid("Status", gate.Message!);
            }
        }
        if (status == task.Status && status != RolloutTaskStatus.Skipped)
        {
            return await SaveAsync(task, ct);
        }
        var old = task.Status;
        task.Status = status.Value;
        task.SkipReason = status == RolloutTaskStatus.Skipped ? SkipReason.Manual : null;
        task.SkipNote = status == RolloutTaskStatus.Skipped ? input.SkipNote!.Trim() : null;
        task.CompletedAt = status == RolloutTaskStatus.Done ? clock.GetUtcNow() : null;
        task.CompletedByUserId = status == RolloutTaskStatus.Done ? userId : null;
        if (status == RolloutTaskStatus.InProgress && task.AssigneeUserId is null && userId is not null &&
            (await people.OwnerIdsAsync(task.Owners, ct)).Contains(userId))
        {
            // Starting a team task picks it up.
            task.AssigneeUserId = userId;
        }
        audit.Add("task.status", "task", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version} / {task.StepKey}: {RolloutMapping.StatusLabel(old)} → " +
            $"{RolloutMapping.StatusLabel(status.Value)}{(task.SkipNote is null ? "" : $" ({task.SkipNote})")}");
        return await SaveAsync(task, ct);
    }

    public async Task<Outcome<TaskView>> AssignAsync(int id, TaskAssigneeInput input, CancellationToken ct = default)
    {
        var task = await db.RolloutTasks.Include(t => t.Release).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return Outcome<TaskView>.NotFound();
        }
        if (input.RowVersion is { } v && v != task.RowVersion)
        {
            return Conflict(task);
        }
        var userId = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId.Trim();
        if (userId is not null && !(await people.OwnerIdsAsync(task.Owners, ct)).Contains(userId))
        {
            return Outcome<TaskView>.Invalid("UserId",
                "The assignee must belong to the task's owner team (or be the owning lead).");
        }
        task.AssigneeUserId = userId;
        audit.Add("task.assigned", "task", id.ToString(CultureInfo.InvariantCulture),
            $"{task.StepKey}: {userId ?? "nobody"}");
        return await SaveAsync(task, ct);
    }

    public async Task<Outcome<CommentView>> CommentAsync(int id, CommentInput input, string? userId, string authorName,
        CancellationToken ct = default)
    {
        if (!await db.RolloutTasks.AnyAsync(t => t.Id == id, ct))
        {
            return Outcome<CommentView>.NotFound();
        }
        var body = input.Body?.Trim() ?? "";
        if (body.Length is 0 or > 4000)
        {
            return Outcome<CommentView>.Invalid("Body", "A comment needs between 1 and 4000 characters.");
        }
        var comment = new RolloutTaskComment
        {
            TaskId = id,
            AuthorUserId = userId,
            AuthorName = authorName,
            Body = body,
            CreatedAt = clock.GetUtcNow(),
        };
        db.RolloutTaskComments.Add(comment);
        audit.Add("task.commented", "task", id.ToString(CultureInfo.InvariantCulture),
            body.Length > 200 ? body[..200] : body);
        await db.SaveChangesAsync(ct);
        return Outcome<CommentView>.Ok(new(comment.Id, comment.AuthorName, comment.Body, comment.CreatedAt));
    }

    public async Task<Outcome<EvidenceView>> AddEvidenceAsync(int id, EvidenceInput input, string? userId,
        CancellationToken ct = default)
    {
        if (!await db.RolloutTasks.AnyAsync(t => t.Id == id, ct))
        {
            return Outcome<EvidenceView>.NotFound();
        }
        var evidence = NewEvidence(id, input, userId);
        if (!evidence.IsOk)
        {
            return evidence;
        }
        db.RolloutTaskEvidence.Add(ToEntity(id, evidence.Value!, userId));
        audit.Add("task.evidence", "task", id.ToString(CultureInfo.InvariantCulture), evidence.Value!.Url);
        await db.SaveChangesAsync(ct);
        return evidence;
    }

    internal Outcome<EvidenceView> NewEvidence(int id, EvidenceInput input, string? userId)
    {
        _ = id;
        _ = userId;
        var url = input.Url?.Trim() ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Length > 2000)
        {
            return Outcome<EvidenceView>.Invalid("Url", "Evidence must be an http(s) link of at most 2000 characters.");
        }
        var note = input.Note?.Trim() ?? "";
        if (note.Length > 1000)
        {
            return Outcome<EvidenceView>.Invalid("Note", "The note may have at most 1000 characters.");
        }
        return Outcome<EvidenceView>.Ok(new(0, url, note, clock.GetUtcNow()));
    }

    internal static RolloutTaskEvidence ToEntity(int taskId, EvidenceView e, string? userId) =>
        new() { TaskId = taskId, Url = e.Url, Note = e.Note, AddedAt = e.AddedAt, AddedByUserId = userId };

    internal async Task<Outcome<TaskView>> SaveAsync(RolloutTaskEntity task, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.RolloutTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == task.Id, ct);
            return current is null ? Outcome<TaskView>.NotFound() : Conflict(current);
        }
        return Outcome<TaskView>.Ok((await queries.GetTaskAsync(task.Id, ct))!);
    }

    /// <summary>
    /// Why the release keeps the task as it is, or null: a cancelled release keeps all its tasks; a released
    /// one keeps its pre-release tasks (decided when it shipped) while the steps from the release day on go on.
    /// </summary>
    internal static string? ClosedBecauseOfRelease(RolloutTaskEntity task)
    {
        var release = task.Release!;
        if (release.Status == ReleaseStatus.Cancelled)
        {
            return $"The release is {RolloutMapping.StatusLabel(release.Status)}; its tasks can no longer change.";
        }
        if (release.Status == ReleaseStatus.Released && PreReleaseWork.IsPreRelease(task.OffsetDays))
        {
            return $"The release has shipped; '{task.Name}' was decided before it and stays " +
                $"{RolloutMapping.StatusLabel(task.Status)}. Steps from the release day on can still change.";
        }
        return null;
    }

    internal static Outcome<TaskView> Conflict(RolloutTaskEntity t) => Outcome<TaskView>.Conflict(
        $"Someone else changed this task meanwhile. It is now {RolloutMapping.StatusLabel(t.Status)}, " +
        $"due {t.DueDate:yyyy-MM-dd} (version {t.RowVersion}). Reload and apply your change again.");

    public static RolloutTaskStatus? ParseStatus(string? value) =>
        value?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
                .Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "todo" => RolloutTaskStatus.Todo,
            "inprogress" => RolloutTaskStatus.InProgress,
            "done" => RolloutTaskStatus.Done,
            "skipped" => RolloutTaskStatus.Skipped,
            _ => null,
        };
}
