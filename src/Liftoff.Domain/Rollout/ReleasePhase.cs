namespace Liftoff.Domain.Rollout;

public enum RolloutPhase
{
    /// <summary>More than four weeks before release.</summary>
    Planning,
    FourWeeksBefore,
    TwoWeeksBefore,
    ReleaseWeek,

    /// <summary>Release day and the thirteen days after it: higher ticket volume expected.</summary>
    Surge,
    Done,
}

/// <summary>A phase's dates, inclusive; open-ended phases have a null start or end.</summary>
public sealed record PhaseBand(RolloutPhase Phase, string Label, DateOnly? Start, DateOnly? End)
{
    public bool Contains(DateOnly date) => (Start is null || date >= Start) && (End is null || date <= End);
}

/// <summary>
/// Where a release stands in its rollout, in the phases of the written process. Day boundaries
/// relative to the release date R: 4 weeks before is R-28..R-15, 2 weeks before R-14..R-8,
/// release week R-7..R-1, surge R..R+13 (fourteen days), done from R+14.
/// </summary>
public static class ReleasePhase
{
    public const int SurgeDays = 14;

    public static RolloutPhase For(DateOnly releaseDate, DateOnly today)
    {
        var days = today.DayNumber - releaseDate.DayNumber;
        return days switch
        {
            < -28 => RolloutPhase.Planning,
            < -14 => RolloutPhase.FourWeeksBefore,
            < -7 => RolloutPhase.TwoWeeksBefore,
            < 0 => RolloutPhase.ReleaseWeek,
            < SurgeDays => RolloutPhase.Surge,
            _ => RolloutPhase.Done,
        };
    }

    public static string Label(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Planning => "planning",
        RolloutPhase.FourWeeksBefore => "4 weeks before",
        RolloutPhase.TwoWeeksBefore => "2 weeks before",
        RolloutPhase.ReleaseWeek => "release week",
        RolloutPhase.Surge => "surge",
        RolloutPhase.Done => "done",
        _ => phase.ToString(),
    };

    /// <summary>All phases in order, for timeline bands; they cover every date without overlap.</summary>
    public static IReadOnlyList<PhaseBand> Bands(DateOnly releaseDate)
    {
        DateOnly At(int days) => releaseDate.AddDays(days);
        return
        [
            new(RolloutPhase.Planning, Label(RolloutPhase.Planning), null, At(-29)),
            new(RolloutPhase.FourWeeksBefore, Label(RolloutPhase.FourWeeksBefore), At(-28), At(-15)),
            new(RolloutPhase.TwoWeeksBefore, Label(RolloutPhase.TwoWeeksBefore), At(-14), At(-8)),
            new(RolloutPhase.ReleaseWeek, Label(RolloutPhase.ReleaseWeek), At(-7), At(-1)),
            new(RolloutPhase.Surge, Label(RolloutPhase.Surge), At(0), At(SurgeDays - 1)),
            new(RolloutPhase.Done, Label(RolloutPhase.Done), At(SurgeDays), null),
        ];
    }

    /// <summary>The next phase to begin after <paramref name="today"/> and the days until it; null once done.</summary>
    public static (PhaseBand Phase, int Days)? Next(DateOnly releaseDate, DateOnly today)
    {
        var next = Bands(releaseDate).FirstOrDefault(b => b.Start is { } start && start > today);
        return next is null ? null : (next, next.Start!.Value.DayNumber - today.DayNumber);
    }
}
