using System.ComponentModel.DataAnnotations;
using Liftoff.Domain.Rollout;

namespace Liftoff.Web.Features.Releases;

/// <summary>Workspace settings of the rollout: working days, holidays and reminders ("Rollout" section).</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollout";

    public List<DayOfWeek> WorkingDays { get; set; } = [];

    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Owners are reminded this many days before a task is due (0 turns the early reminder off).</summary>
    [Range(0, 60)]
    public int ReminderDaysBefore { get; set; } = 2;

    public bool RemindersEnabled { get; set; } = true;

    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The "Waiting for you" email goes out on the first reminder pass at or after this hour (UTC).</summary>
    [Range(0, 23)]
    public int DigestHourUtc { get; set; } = 6;

    public WorkingCalendar Calendar()
    {
        var days = WorkingDays.Count == 0
            ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]
            : WorkingDays.Distinct().ToList();
        var calendar = WorkingCalendar.Create(days, Holidays);
        return calendar.IsOk ? calendar.Value : WorkingCalendar.MondayToFriday;
    }
}
