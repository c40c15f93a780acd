namespace Liftoff.Domain.Rollout;

public enum OffsetUnit
{
    Days,
    Weeks,
}

/// <summary>
/// Where a step sits relative to the release date: negative amounts are before the release,
/// positive after. For a window it is the first day of the window.
/// </summary>
public readonly record struct StepOffset(int Amount, OffsetUnit Unit)
{
    public const int LimitDays = 365;

    // long, so that a wild amount in weeks cannot overflow before the validator sees it.
    public long TotalDays => Unit == OffsetUnit.Weeks ? Amount * 7L : Amount;

    public static StepOffset OnReleaseDay => new(0, OffsetUnit.Days);

    public static StepOffset DaysBefore(int days) => new(-days, OffsetUnit.Days);

    public static StepOffset DaysAfter(int days) => new(days, OffsetUnit.Days);

    public static StepOffset WeeksBefore(int weeks) => new(-weeks, OffsetUnit.Weeks);

    public static StepOffset WeeksAfter(int weeks) => new(weeks, OffsetUnit.Weeks);

    /// <summary>Human wording for pages and notifications, e.g. "4 weeks before".</summary>
    public string Describe()
    {
        if (Amount == 0)
        {
            return "on release day";
        }
        var size = Math.Abs((long)Amount);
        var unit = (Unit, size == 1) switch
        {
            (OffsetUnit.Weeks, true) => "week",
            (OffsetUnit.Weeks, false) => "weeks",
            (_, true) => "day",
            _ => "days",
        };
        return $"{size} {unit} {(Amount < 0 ? "before" : "after")}";
    }
}

public enum OwnerRole
{
    Team,
    TeamLead,
}

/// <summary>
/// Who carries a step: a whole team, or the current lead of a team. Leads are looked up when
/// tasks are assigned because leads change.
/// </summary>
public sealed record StepOwner(OwnerRole Role, string TeamKey)
{
    public static StepOwner Team(string teamKey) => new(OwnerRole.Team, teamKey);

    public static StepOwner LeadOf(string teamKey) => new(OwnerRole.TeamLead, teamKey);

    public override string ToString() => Role == OwnerRole.TeamLead ? $"lead of {TeamKey}" : TeamKey;
}

public sealed record PlaybookStep
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required StepOffset Offset { get; init; }

    /// <summary>Length of the window in days; 0 or 1 means a single day.</summary>
    public int DurationDays { get; init; }

    public required IReadOnlyList<StepOwner> Owners { get; init; }

    /// <summary>When set, the step only applies to releases that meet it.</summary>
    public StepCondition? Condition { get; init; }

    /// <summary>Keys of the steps that must be done (or skipped) before this one can be done.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Checklist { get; init; } = [];
}

public sealed record Playbook(string Key, string Name, IReadOnlyList<PlaybookStep> Steps);
