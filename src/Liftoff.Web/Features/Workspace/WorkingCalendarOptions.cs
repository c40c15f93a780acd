using Liftoff.Domain.Rollout;

namespace Liftoff.Web.Features.Workspace;

/// <summary>
/// The configured working days and holidays ("Rollout" section): the workspace calendar until an
/// Admin saves one in the database.
/// </summary>
public sealed class WorkingCalendarOptions
{
    public const string Section = "Rollout";

    public List<DayOfWeek> WorkingDays { get; set; } = [];

    public List<DateOnly> Holidays { get; set; } = [];

    public WorkingCalendar Calendar()
    {
        var days = WorkingDays.Count == 0
            ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]
            : WorkingDays.Distinct().ToList();
        var calendar = WorkingCalendar.Create(days, Holidays);
        return calendar.IsOk ? calendar.Value : WorkingCalendar.MondayToFriday;
    }
}
