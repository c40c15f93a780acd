using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class StaffingPlanTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public void For_ExtraTickets_DividesByTicketsPerAgentHour()
    {
        var forecast = new List<SurgeDay> { new(Day, 0, 100, 130, 110, 150) };

        var plan = StaffingPlan.For(forecast, ticketsPerAgentHour: 4).Value!;

        var day = Assert.Single(plan.Days);
        Assert.Equal((30.0, 7.5, 12.5), (day.ExtraTickets, day.ExtraHours, day.ExtraHoursAtHigh));
    }

    [Fact]
    public void For_SeveralDays_TotalsTheHours()
    {
        var forecast = new List<SurgeDay>
        {
            new(Day, 0, 100, 160, 140, 180),
            new(Day.AddDays(1), 1, 100, 120, 105, 140),
        };

        var plan = StaffingPlan.For(forecast, 5).Value!;

        Assert.Equal(12 + 4, plan.TotalExtraHours, 9);
        Assert.Equal(16 + 8, plan.TotalExtraHoursAtHigh, 9);
    }

    [Fact]
    public void For_ExpectedBelowBaseline_NeedsNoExtraHours()
    {
        var forecast = new List<SurgeDay> { new(Day, 0, 100, 90, 70, 110) };

        var day = Assert.Single(StaffingPlan.For(forecast, 4).Value!.Days);

        Assert.Equal((0.0, 0.0, 2.5), (day.ExtraTickets, day.ExtraHours, day.ExtraHoursAtHigh));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void For_NonPositiveRate_Refuses(double rate)
    {
        var outcome = StaffingPlan.For([new(Day, 0, 100, 130, 110, 150)], rate);

        Assert.Equal("ticketsPerAgentHour", Assert.Single(outcome.Errors).Field);
    }
}
