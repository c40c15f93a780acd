using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

public enum PlanTaskResult
{
    Completed,
    AlreadyClosed,
    NoSuchTask,
    Gated,
}

/// <summary>
/// Marks a release's plan task done when the communication it stands for is done. The release has no
/// such task (a conditional step that does not apply, or no plan yet): nothing happens. A task whose
/// prerequisites are still open stays open.
/// </summary>
public sealed class PlanTaskCompletion(AppDbContext db, AuditLog audit, TimeProvider clock,
    ILogger<PlanTaskCompletion> logger)
{
    /// <summary>Adds the change to the caller's unit of work; the caller saves.</summary>
    public async Task<PlanTaskResult> CompleteAsync(int releaseId, string stepKey, string? userId, string because,
        CancellationToken ct = default)
    {
        var tasks = await db.RolloutTasks.Where(t => t.ReleaseId == releaseId).ToListAsync(ct);
        var task = tasks.FirstOrDefault(t => t.StepKey == stepKey);
        if (task is null)
        {
            return PlanTaskResult.NoSuchTask;
        }
        if (task.Status is RolloutTaskStatus.Done or RolloutTaskStatus.Skipped)
        {
            return PlanTaskResult.AlreadyClosed;
        }
        var domain = tasks.Select(RolloutMapping.ToDomain).ToList();
        var gate = GateRule.CanMarkDone(domain.First(t => t.StepKey == stepKey), domain);
        if (!gate.Allowed)
        {
            logger.LogInformation("Plan task {Step} of release {Release} stays open: {Message}", stepKey, releaseId,
                gate.Message);
            audit.Add("task.completion-gated", "RolloutTask",
                task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{because}; {gate.Message}");
            return PlanTaskResult.Gated;
        }
        task.Status = RolloutTaskStatus.Done;
        task.CompletedAt = clock.GetUtcNow();
        task.CompletedByUserId = userId;
        audit.Add("task.completed", "RolloutTask", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{task.Name}: {because}");
        return PlanTaskResult.Completed;
    }
}
