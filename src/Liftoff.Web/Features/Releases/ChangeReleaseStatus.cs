using System.Globalization;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Features.LendingShop;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Releases;

/// <param name="TellRequestors">Tell the requestors of the shipped requests (default yes).</param>
/// <param name="Decisions">For marking released: done, or skipped with a reason, per open pre-release task.</param>
public sealed record ReleaseStatusInput(string? Status, int? RowVersion, bool? TellRequestors = null,
    IReadOnlyList<TaskDecisionInput>? Decisions = null);

/// <summary>
/// Takes a release through planned, in progress, released or cancelled. Released settles the open
/// pre-release tasks, tells the lending shop and the requestors; cancelled pauses the newsletter.
/// </summary>
public sealed class ChangeReleaseStatus(
    AuditLog audit,
    ReleaseChanges changes,
    LendingShopNotice lendingShop,
    ReleaseNewsletterSchedule newsletters,
    ShippedRequests shipped,
    TimeProvider clock)
{
    public async Task<Outcome<ReleaseView>> SetStatusAsync(int id, ReleaseStatusInput input, string? userId = null,
        CancellationToken ct = default)
    {
        var loaded = await changes.LoadAsync(id, input.RowVersion, ct);
        if (loaded.Refusal is { } refusal)
        {
            return refusal;
        }
        var release = loaded.Release!;
        var status = ReleaseFields.ParseStatus(input.Status);
        if (status is null)
        {
            return Outcome<ReleaseView>.Invalid("Status",
                "The status must be one of: planned, in progress, released, cancelled.");
        }
        var tell = input.TellRequestors ?? true;
        if (status == release.Status)
        {
            if (status == ReleaseStatus.Released && tell)
            {
                // A retry finishes what an interrupted release left undone; nobody is told twice.
                await shipped.TellRequestorsAsync(id, ct);
            }
            return Outcome<ReleaseView>.Ok(await changes.ViewAsync(id, ct));
        }
        if (release.IsClosedStatus())
        {
            return Outcome<ReleaseView>.Invalid("Status", $"The release is already " +
                $"{RolloutMapping.StatusLabel(release.Status)}; its status cannot change any more.");
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
            await newsletters.PauseForCancelledReleaseAsync(id, ReleaseChanges.Title(release), ct);
        }
        release.Status = status.Value;
        var shippedNote = status == ReleaseStatus.Released
            ? $"; {moved} linked requests released, requestors told: {(tell ? "yes" : "no")}"
            : "";
        audit.Add("release.status", "release", id.ToString(CultureInfo.InvariantCulture),
            $"{release.Product} {release.Version}: {RolloutMapping.StatusLabel(old)} → " +
            $"{RolloutMapping.StatusLabel(status.Value)}{shippedNote}");
        var saved = await changes.SaveAsync(release, [], ct);
        if (saved.IsOk && status == ReleaseStatus.Released && tell)
        {
            // After the release is saved as released: the disclosure guard treats its items as public only then.
            await shipped.TellRequestorsAsync(id, ct);
        }
        return saved;
    }
}
