namespace Liftoff.Domain.Support;

public enum AlertDirection
{
    AboveBand,
    BelowBand,
}

/// <summary>Actual volume outside the forecast band on consecutive days.</summary>
public sealed record SurgeAlert(AlertDirection Direction, IReadOnlyList<DateOnly> Days)
{
    public const int DaysRunning = 2;

    /// <summary>
    /// One alert per run of at least two consecutive days on the same side of the band. A single
    /// day outside is expected now and then; two running is a signal worth a person's attention.
    /// A day without a count ends the run.
    /// </summary>
    public static IReadOnlyList<SurgeAlert> Detect(IReadOnlyList<SurgeDay> forecast, TicketHistory actuals)
    {
        var alerts = new List<SurgeAlert>();
        var run = new List<DateOnly>();
        AlertDirection? runDirection = null;

        void Close()
        {
            if (run.Count >= DaysRunning && runDirection is { } direction)
            {
                alerts.Add(new(direction, run.ToList()));
            }
            run.Clear();
            runDirection = null;
        }

        DateOnly? previous = null;
        foreach (var day in forecast.OrderBy(d => d.Date))
        {
            AlertDirection? side = !actuals.TryGet(day.Date, out var actual) ? null
                : actual > day.High ? AlertDirection.AboveBand
                : actual < day.Low ? AlertDirection.BelowBand
                : null;
            var consecutive = previous is { } p && p.AddDays(1) == day.Date;
            if (side is null || side != runDirection || !consecutive)
            {
                Close();
            }
            if (side is not null)
            {
                runDirection = side;
                run.Add(day.Date);
            }
            previous = day.Date;
        }
        Close();
        return alerts;
    }
}
