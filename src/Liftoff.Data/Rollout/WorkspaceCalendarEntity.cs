namespace Liftoff.Data.Rollout;

/// <summary>
/// The workspace's working calendar for due dates: one row (Id 1). While it does not exist the
/// "Rollout" configuration section supplies the defaults.
/// </summary>
public class WorkspaceCalendarEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Working weekdays as names separated by ",", e.g. "Monday,Tuesday".</summary>
    public string WorkingDays { get; set; } = "";

    public List<WorkspaceHoliday> Holidays { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    public int RowVersion { get; set; }
}

public class WorkspaceHoliday
{
    public int Id { get; set; }

    public int WorkspaceCalendarId { get; set; }

    public DateOnly Date { get; set; }

    public string Name { get; set; } = "";
}
