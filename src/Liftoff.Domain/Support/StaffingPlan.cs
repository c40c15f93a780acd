namespace Liftoff.Domain.Support;

/// <summary>Extra support effort for one day of the surge, for the expected volume and for the top of the
/// band.</summary>
public sealed record StaffingDay(DateOnly Date, double ExtraTickets, double ExtraHours, double ExtraHoursAtHigh);

/// <summary>Turns a surge forecast into extra agent hours.</summary>
public sealed record StaffingPlan(IReadOnlyList<StaffingDay> Days, double TotalExtraHours, double TotalExtraHoursAtHigh)
{
    public static Outcome<StaffingPlan> For(IReadOnlyList<SurgeDay> forecast, double ticketsPerAgentHour)
    {
        if (!(ticketsPerAgentHour > 0) || double.IsInfinity(ticketsPerAgentHour))
        {
            return Outcome.Invalid<StaffingPlan>(nameof(ticketsPerAgentHour),
                "Tickets per agent-hour must be a positive number.");
        }
        // Days below baseline free no one up in advance, so they count as zero rather than offsetting busy days.
        var days = forecast.Select(d =>
        {
            var extra = Math.Max(0, d.Expected - d.Baseline);
            var extraAtHigh = Math.Max(0, d.High - d.Baseline);
            return new StaffingDay(d.Date, extra, extra / ticketsPerAgentHour, extraAtHigh / ticketsPerAgentHour);
        }).ToList();
        return Outcome.Ok(new StaffingPlan(days, days.Sum(d => d.ExtraHours), days.Sum(d => d.ExtraHoursAtHigh)));
    }
}
