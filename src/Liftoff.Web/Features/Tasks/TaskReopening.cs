using System.Globalization;
using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

public sealed record TaskReopenInput(string? Reason, int? RowVersion = null);

/// <summary>
/// Takes a done or skipped task back to "to do". Only its owners or a lead may, and the reason goes
/// into the audit log: a closed task is a statement others rely on.
/// </summary>
public sealed class TaskReopening(AppDbContext db, AuditLog audit, RolloutPeople people, RolloutTaskWork work)
{
    public async Task<Outcome<TaskView>> ReopenAsync(int id, TaskReopenInput input, string? userId, bool isLead,
        CancellationToken ct = default)
    {
        var task = await db.RolloutTasks.Include(t => t.Release).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return Outcome<TaskView>.NotFound();
        }
        if (input.RowVersion is { } v && v != task.RowVersion)
        {
            return RolloutTaskWork.Conflict(task);
        }
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Outcome<TaskView>.Invalid("Reason", $"Say why '{task.Name}' is reopened.");
        }
        if (reason.Length > 1000)
        {
            return Outcome<TaskView>.Invalid("Reason", "The reason may have at most 1000 characters.");
        }
        if (task.Status is not (RolloutTaskStatus.Done or RolloutTaskStatus.Skipped))
        {
            return Outcome<TaskView>.Invalid("Status", $"'{task.Name}' is {RolloutMapping.StatusLabel(task.Status)}; " +
                "only a done or skipped task can be reopened.");
        }
        if (RolloutTaskWork.ClosedBecauseOfRelease(task) is { } settled)
        {
            return Outcome<TaskView>.Invalid("Status", settled);
        }
        if (!isLead && (userId is null || !(await people.OwnerIdsAsync(task.Owners, ct)).Contains(userId)))
        {
            var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Name, ct);
            return Outcome<TaskView>.Invalid("", $"Only the owners of '{task.Name}' " +
                $"({RolloutMapping.DescribeOwners(task.Owners, teams)}) or a lead can reopen it.");
        }
        var old = task.Status;
        task.Status = RolloutTaskStatus.Todo;
        task.SkipReason = null;
        task.SkipNote = null;
        task.CompletedAt = null;
        task.CompletedByUserId = null;
        var release = task.Release!;
        audit.Add("task.reopened", "task", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version} / {task.StepKey}: {RolloutMapping.StatusLabel(old)} → " +
            $"{RolloutMapping.StatusLabel(task.Status)}; reason: {reason}");
        return await work.SaveAsync(task, ct);
    }
}
