namespace Liftoff.Domain.Rollout;

/// <summary>Which days people work: a set of weekdays minus holidays.</summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _holidays;

    private WorkingCalendar(HashSet<DayOfWeek> workingDays, HashSet<DateOnly> holidays)
    {
        _workingDays = workingDays;
        _holidays = holidays;
    }

    public static WorkingCalendar MondayToFriday { get; } = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], []);

    public IReadOnlySet<DayOfWeek> WorkingDays => _workingDays;

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>Refuses a week without working days, which would leave no date to move a task to.</summary>
    public static Outcome<WorkingCalendar> Create(IEnumerable<DayOfWeek> workingDays,
        IEnumerable<DateOnly>? holidays = null)
    {
        var days = workingDays.ToHashSet();
        if (days.Count == 0)
        {
            return Outcome.Invalid<WorkingCalendar>("WorkingDays", "At least one weekday must be a working day.");
        }
        if (days.Any(d => !Enum.IsDefined(d)))
        {
            return Outcome.Invalid<WorkingCalendar>("WorkingDays", "Working days must be days of the week.");
        }
        return Outcome.Ok(new WorkingCalendar(days, (holidays ?? []).ToHashSet()));
    }

    public WorkingCalendar WithHolidays(IEnumerable<DateOnly> holidays) =>
        new(_workingDays, _holidays.Concat(holidays).ToHashSet());

    public bool IsWorkingDay(DateOnly date) => _workingDays.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    /// <summary>The nearest working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date) => WorkingDayOnOrBefore(date.AddDays(-1));

    /// <summary><paramref name="date"/> itself when it is a working day, otherwise the nearest earlier one.</summary>
    public DateOnly WorkingDayOnOrBefore(DateOnly date)
    {
        // Terminates: at least one weekday works and the holiday set is finite.
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }
        return date;
    }
}
