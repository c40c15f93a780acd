using System.Globalization;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Releases;

public sealed record MoveReleaseInput(string? NewDate, int? RowVersion);

/// <summary>Moves a release to another day: its open tasks and its newsletter follow.</summary>
public sealed class MoveReleaseDate(AuditLog audit, ReleaseChanges changes, ReleaseNewsletterSchedule newsletters)
{
    public async Task<Outcome<ReleaseView>> MoveAsync(int id, MoveReleaseInput input, CancellationToken ct = default)
    {
        var loaded = await changes.LoadAsync(id, input.RowVersion, ct);
        if (loaded.Refusal is { } refusal)
        {
            return refusal;
        }
        var release = loaded.Release!;
        var errors = new Dictionary<string, string[]>();
        var date = ReleaseFields.ParseDate(input.NewDate, "NewDate", errors);
        if (errors.Count > 0)
        {
            return Outcome<ReleaseView>.Invalid(errors);
        }
        var taskChanges = new List<(TaskChange, string?)>();
        var oldDate = release.PlannedDate;
        var moved = changes.Move(release, date, taskChanges, await changes.CalendarAsync(ct));
        if (!moved.IsOk)
        {
            return Outcome<ReleaseView>.Invalid(ReleaseFields.ToDictionary(moved.Errors));
        }
        await newsletters.FollowMoveAsync(id, ReleaseChanges.Title(release), oldDate, date, ct);
        audit.Add("release.moved", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: {moved.Value.Reason} " + ReleaseChanges.Describe(taskChanges));
        return await changes.SaveAsync(release, taskChanges, ct);
    }
}
