using Liftoff.Data;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

/// <summary>
/// For other areas (newsletter sent, KB article published, lending shop updated): completes the
/// release's task for a playbook step, with an optional evidence link and note, respecting gates.
/// </summary>
public sealed class RolloutTaskCompletion(AppDbContext db, RolloutTaskWork work)
{
    /// <returns>NotFound when the release has no task for the step (e.g. a conditional step that does not apply).</returns>
    public async Task<Outcome<TaskView>> CompleteAsync(int releaseId, string stepKey, string? evidenceUrl = null, string? note = null, string? userId = null, CancellationToken ct = default)
    {
        var taskId = await db.RolloutTasks.Where(t => t.ReleaseId == releaseId && t.StepKey == stepKey).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        if (taskId is null)
        {
            return Outcome<TaskView>.NotFound();
        }
        if (evidenceUrl is not null)
        {
            var evidence = work.NewEvidence(taskId.Value, new EvidenceInput(evidenceUrl, note), userId);
            if (!evidence.IsOk)
            {
                return Outcome<TaskView>.Invalid(evidence.Errors);
            }
            // Joins the status change's unit of work: no evidence without completion and vice versa.
            db.RolloutTaskEvidence.Add(RolloutTaskWork.ToEntity(taskId.Value, evidence.Value!, userId));
        }
        var result = await work.SetStatusAsync(taskId.Value, new TaskStatusInput("done"), userId, ct);
        if (!result.IsOk)
        {
            db.ChangeTracker.Clear();
        }
        return result;
    }
}
