using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Support;

/// <summary>
/// Where a release's surge window starts. A released release starts on the calendar day it was
/// released in the support time zone, whatever day was planned; until it is released the planned
/// date stands in, for planning only. A cancelled release has no surge.
/// </summary>
public sealed record SurgeStart(ReleaseStatus Status, DateOnly PlannedDate, DateOnly? ReleasedOn)
{
    public bool IsReleased => Status == ReleaseStatus.Released;

    public bool IsCancelled => Status == ReleaseStatus.Cancelled;

    /// <summary>First day of the surge window: the release day, or the planned date until then.</summary>
    public DateOnly Day => ReleasedOn ?? PlannedDate;

    /// <summary>
    /// <paramref name="releasedAt"/> is the UTC instant of the release. Releases marked released before
    /// that instant was recorded have none; their planned date is the best record of the day.
    /// </summary>
    public static SurgeStart For(
        ReleaseStatus status, DateOnly plannedDate, DateTimeOffset? releasedAt, TimeZoneInfo zone) =>
        status == ReleaseStatus.Released
            ? new(status, plannedDate, releasedAt is { } at ? DayIn(at, zone) : plannedDate)
            : new(status, plannedDate, null);

    public static DateOnly DayIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The releases a surge can be learned from: released on a day before <paramref name="today"/>.
    /// Planned, in-progress and cancelled releases have no surge to learn from.
    /// </summary>
    public static IReadOnlyList<PastRelease> PastReleases(
        IEnumerable<(SurgeStart Start, bool SignificantChanges)> releases, DateOnly today) =>
        releases.Where(r => r.Start.IsReleased && r.Start.Day < today)
            .Select(r => new PastRelease(r.Start.Day, r.SignificantChanges)).ToList();
}
