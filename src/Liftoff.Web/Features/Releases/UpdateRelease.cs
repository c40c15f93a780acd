using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Releases;

/// <summary>
/// Edits the release's fields; a changed date moves the plan, a changed flag re-evaluates conditions.
/// </summary>
public sealed class UpdateRelease(AppDbContext db, AuditLog audit, ReleaseChanges changes)
{
    public async Task<Outcome<ReleaseView>> UpdateAsync(int id, ReleaseInput input, CancellationToken ct = default)
    {
        var loaded = await changes.LoadAsync(id, input.RowVersion, ct);
        if (loaded.Refusal is { } refusal)
        {
            return refusal;
        }
        var release = loaded.Release!;
        var errors = new Dictionary<string, string[]>();
        var version = input.Version?.Trim() ?? "";
        ReleaseFields.CheckVersion(version, errors);
        var product = input.Product is null ? release.Product : ReleaseFields.ParseProduct(input.Product, errors);
        var date = input.PlannedDate is null
            ? release.PlannedDate
            : ReleaseFields.ParseDate(input.PlannedDate, "PlannedDate", errors);
        ReleaseFields.CheckText(input, errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        if (release.IsClosedStatus() && (date != release.PlannedDate ||
            input.SignificantChanges != release.SignificantChanges || product != release.Product))
        {
            return Outcome<ReleaseView>.Invalid("Status", $"A {RolloutMapping.StatusLabel(release.Status)} release " +
                "keeps its plan; its date, product and significance cannot change.");
        }
        if ((product != release.Product || version != release.Version) &&
            await db.Releases.AnyAsync(r => r.Id != id && r.Product == product && r.Version == version, ct))
        {
            return Outcome<ReleaseView>.Invalid("Version", ReleaseFields.VersionTaken(product, version));
        }

        var details = new List<string>();
        var taskChanges = new List<(TaskChange, string?)>();
        if (date != release.PlannedDate)
        {
            var moved = changes.Move(release, date, taskChanges, await changes.CalendarAsync(ct));
            if (!moved.IsOk)
            {
                return Outcome<ReleaseView>.Invalid(ReleaseFields.ToDictionary(moved.Errors));
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
            var result = await ReevaluateAsync(release, taskChanges, ct);
            if (result is not null)
            {
                return Outcome<ReleaseView>.Invalid(result);
            }
            details.Add($"significant changes {(release.SignificantChanges ? "on" : "off")}, product {product}");
        }
        audit.Add("release.updated", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: " +
            $"{(details.Count == 0 ? "details edited" : string.Join("; ", details))}. " +
            ReleaseChanges.Describe(taskChanges));
        return await changes.SaveAsync(release, taskChanges, ct);
    }

    /// <summary>Returns errors by field, or null when the conditions were brought in line.</summary>
    private async Task<Dictionary<string, string[]>?> ReevaluateAsync(ReleaseEntity release,
        List<(TaskChange, string?)> taskChanges, CancellationToken ct)
    {
        var playbook = await changes.PlaybookAsync(release.PlaybookId, ct);
        if (playbook is null)
        {
            return null;
        }
        var tasks = release.Tasks.OrderBy(t => t.Id).ToList();
        var result = RolloutScheduler.ReevaluateConditions(RolloutMapping.ToDomain(release),
            PlaybookMapping.ToDomain(playbook), tasks.Select(RolloutMapping.ToDomain).ToList(),
            await changes.CalendarAsync(ct));
        if (!result.IsOk)
        {
            return ReleaseFields.ToDictionary(result.Errors);
        }
        for (var i = 0; i < result.Value.Tasks.Count; i++)
        {
            var task = result.Value.Tasks[i];
            if (i < tasks.Count)
            {
                RolloutMapping.CopyTo(task, tasks[i]);
            }
            else
            {
                release.Tasks.Add(await changes.NewTaskAsync(task, ct));
            }
        }
        taskChanges.AddRange(result.Value.Changes.Select(c =>
            (c, release.Tasks.First(t => t.StepKey == c.StepKey).AssigneeUserId)));
        return null;
    }
}
