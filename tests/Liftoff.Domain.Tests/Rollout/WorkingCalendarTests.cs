using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Tests.Rollout;

public class WorkingCalendarTests
{
    [Theory]
    [InlineData("2026-03-09", true)]  // Monday
    [InlineData("2026-03-13", true)]  // Friday
    [InlineData("2026-03-14", false)] // Saturday
    [InlineData("2026-03-15", false)] // Sunday
    public void IsWorkingDay_MondayToFriday_WeekendsAreOff(string date, bool expected)
    {
        Assert.Equal(expected, WorkingCalendar.MondayToFriday.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void IsWorkingDay_Holiday_IsOff()
    {
        var calendar = WorkingCalendar.MondayToFriday.WithHolidays([new DateOnly(2026, 4, 6)]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 6)));
    }

    [Theory]
    [InlineData("2026-03-16", "2026-03-13")] // Monday -> Friday
    [InlineData("2026-03-15", "2026-03-13")] // Sunday -> Friday
    [InlineData("2026-03-11", "2026-03-10")] // Wednesday -> Tuesday
    public void PreviousWorkingDay_Date_IsStrictlyEarlierWorkingDay(string date, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), WorkingCalendar.MondayToFriday.PreviousWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void PreviousWorkingDay_AcrossHolidays_SkipsThemAll()
    {
        // Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        var calendar = WorkingCalendar.MondayToFriday.WithHolidays(
            [new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)]);

        Assert.Equal(new DateOnly(2026, 4, 2), calendar.PreviousWorkingDay(new DateOnly(2026, 4, 7)));
    }

    [Fact]
    public void WorkingDayOnOrBefore_WorkingDay_IsThatDay()
    {
        Assert.Equal(new DateOnly(2026, 3, 10), WorkingCalendar.MondayToFriday.WorkingDayOnOrBefore(
            new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void WorkingDayOnOrBefore_SundayToThursdayWeek_MovesSaturdayToThursday()
    {
        var calendar = WorkingCalendar.Create(
            [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]).Value!;

        Assert.Equal(new DateOnly(2026, 3, 12), calendar.WorkingDayOnOrBefore(new DateOnly(2026, 3, 14)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 15)));
    }

    [Fact]
    public void Create_NoWorkingDays_Refuses()
    {
        var outcome = WorkingCalendar.Create([]);

        Assert.False(outcome.IsOk);
        Assert.Equal("WorkingDays", Assert.Single(outcome.Errors).Field);
    }
}
