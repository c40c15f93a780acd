namespace Liftoff.Domain.Rollout;

public enum ProductKind
{
    Software,
    Hardware,
}

public enum ReleaseStatus
{
    Planned,
    InProgress,
    Released,
    Cancelled,
}

/// <summary>The release fields the rollout rules depend on.</summary>
public sealed record Release(
    Guid Id,
    ProductKind Product,
    string Version,
    DateOnly PlannedDate,
    bool SignificantChanges,
    ReleaseStatus Status)
{
    /// <summary>Released and cancelled releases have a settled history; their schedule stays as it was.</summary>
    public bool IsClosed => Status is ReleaseStatus.Released or ReleaseStatus.Cancelled;
}

/// <summary>
/// The range of release dates the scheduler accepts. Offsets reach a year either side, so a
/// bounded range keeps every computed date far from <see cref="DateOnly"/>'s limits and catches
/// typos such as year 0202.
/// </summary>
public static class ReleaseDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool IsSupported(DateOnly date) => date >= Earliest && date <= Latest;

    public static string RangeMessage(DateOnly date) =>
        $"The date {date:yyyy-MM-dd} is outside the supported range {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.";
}
