using System.Globalization;
using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Support;

public enum BandStatus
{
    NoData,
    WithinBand,
    AboveBand,
    BelowBand,
}

public sealed record SurgeDayView(SurgeDay Day, int? Actual, BandStatus Status);

public sealed record ReleaseSurge(
    int ReleaseId,
    string ReleaseName,
    SurgeStart Start,
    bool SignificantChanges,
    DateOnly WindowEnd,
    DateOnly Today,
    IReadOnlyList<SurgeDayView> Days,
    SurgeUplift? Uplift,
    StaffingPlan? Staffing,
    IReadOnlyList<SurgeAlert> Alerts,
    string? UpliftNote,
    string? Problem)
{
    /// <summary>The release day once released; the planned date until then.</summary>
    public DateOnly WindowStart => Start.Day;

    /// <summary>Only a released release has a surge to watch; a planned one has a forecast for planning.</summary>
    public bool IsActive => Start.IsReleased && Today >= WindowStart && Today <= WindowEnd;

    /// <summary>The latest day up to today that has a count: the freshest reading of the surge.</summary>
    public SurgeDayView? Latest => Days.LastOrDefault(d => d.Actual is not null && d.Day.Date <= Today);

    /// <summary>The release week: release day and the six days after it.</summary>
    public IReadOnlyList<StaffingDay> ReleaseWeek => Staffing?.Days.Take(7).ToList() ?? [];

    /// <summary>"released on …", "planned for …" or "cancelled", with dates in <paramref name="format"/>.</summary>
    public string When(string format) => Start switch
    {
        { IsCancelled: true } => "cancelled",
        { ReleasedOn: { } on } => "released on " + on.ToString(format, CultureInfo.InvariantCulture),
        _ => "planned for " + Start.PlannedDate.ToString(format, CultureInfo.InvariantCulture),
    };
}

/// <summary>Baseline, forecast, actuals, staffing and alerts of a release's surge window, from the database.</summary>
public sealed class SurgeForecasts(AppDbContext db, TimeProvider clock, IOptions<SupportOptions> options)
{
    private sealed record ReleaseFacts(
        int Id, ProductKind Product, string Name, string Version, DateOnly PlannedDate, ReleaseStatus Status,
            DateTimeOffset? ReleasedAt,
        bool SignificantChanges);

    public DateOnly Today() => SurgeStart.DayIn(clock.GetUtcNow(), options.Value.Zone());

    public SurgeStart StartOf(ReleaseStatus status, DateOnly plannedDate, DateTimeOffset? releasedAt) =>
        SurgeStart.For(status, plannedDate, releasedAt, options.Value.Zone());

    public async Task<ReleaseSurge?> ForReleaseAsync(int releaseId, CancellationToken ct = default)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new ReleaseFacts(
                r.Id, r.Product, r.Name, r.Version, r.PlannedDate, r.Status, r.ReleasedAt, r.SignificantChanges))
            .FirstOrDefaultAsync(ct);
        if (release is null)
        {
            return null;
        }
        var windowDays = await WindowDaysAsync([release.Id], ct);
        return Compute(release, windowDays.GetValueOrDefault(release.Id, options.Value.WindowDays),
            await HistoryAsync(ct), await PastReleasesAsync(ct));
    }

    /// <summary>Released releases whose surge window, from the day they were released, contains today.</summary>
    public async Task<IReadOnlyList<ReleaseSurge>> ActiveAsync(CancellationToken ct = default)
    {
        var today = Today();
        var earliest = today.AddDays(-90);
        // A day of margin either side of the zone's offset; the exact day is decided in the zone below.
        var earliestInstant = clock.GetUtcNow().AddDays(-92);
        var candidates = (await db.Releases.AsNoTracking()
            .Where(r => r.Status == ReleaseStatus.Released
                && (r.ReleasedAt >= earliestInstant || (r.ReleasedAt == null && r.PlannedDate >= earliest)))
            .Select(r => new ReleaseFacts(
                r.Id, r.Product, r.Name, r.Version, r.PlannedDate, r.Status, r.ReleasedAt, r.SignificantChanges))
            .ToListAsync(ct))
            .Select(r => (Row: r, Start: StartOf(r.Status, r.PlannedDate, r.ReleasedAt)))
            .Where(r => r.Start.Day <= today)
            .OrderBy(r => r.Start.Day).ToList();
        var windowDays = await WindowDaysAsync(candidates.Select(c => c.Row.Id).ToList(), ct);
        int Window(int id) => windowDays.GetValueOrDefault(id, options.Value.WindowDays);
        var active = candidates.Where(c => c.Start.Day.AddDays(Window(c.Row.Id) - 1) >= today).ToList();
        if (active.Count == 0)
        {
            return [];
        }
        var history = await HistoryAsync(ct);
        var past = await PastReleasesAsync(ct);
        return active.Select(r => Compute(r.Row, Window(r.Row.Id), history, past)).ToList();
    }

    private ReleaseSurge Compute(
        ReleaseFacts release, int windowDays, TicketHistory history, IReadOnlyList<PastRelease> past)
    {
        var today = Today();
        var name = ReleaseNames.Display(release.Product, release.Version, release.Name);
        var start = StartOf(release.Status, release.PlannedDate, release.ReleasedAt);
        var end = start.Day.AddDays(windowDays - 1);
        if (start.IsCancelled)
        {
            return new(release.Id, name, start, release.SignificantChanges, end, today, [], null, null, [], null,
                "The release was cancelled: it has no support surge.");
        }
        var forecastOptions = new SurgeForecastOptions
        {
            WindowDays = windowDays,
            DefaultPeakUplift = options.Value.DefaultUplift
        };
        var forecast = SurgeForecast.Predict(history, past, start.Day, release.SignificantChanges, forecastOptions);
        if (!forecast.IsOk)
        {
            return new(release.Id, name, start, release.SignificantChanges, end, today, [], null, null, [], null,
                string.Join(" ", forecast.Errors.Select(e => e.Message)));
        }
        // Until the release happens, counts on the planned days say nothing about its surge.
        var actuals = start.IsReleased ? history : TicketHistory.FromTotals([]);
        var days = forecast.Value.Days.Select(d =>
        {
            int? actual = actuals.TryGet(d.Date, out var a) ? a : null;
            var status = actual is not { } v ? BandStatus.NoData
                : v > d.High ? BandStatus.AboveBand
                : v < d.Low ? BandStatus.BelowBand
                : BandStatus.WithinBand;
            return new SurgeDayView(d, actual, status);
        }).ToList();
        var staffing = StaffingPlan.For(forecast.Value.Days, options.Value.TicketsPerAgentHour);
        var alerts = SurgeAlert.Detect(forecast.Value.Days, actuals);
        return new(release.Id, name, start, release.SignificantChanges, end, today, days, forecast.Value.Uplift,
            staffing.Value, alerts, UpliftNote(forecast.Value.Uplift), null);
    }

    private string UpliftNote(SurgeUplift uplift)
    {
        var kind = uplift.SignificantChanges ? "with significant changes" : "without significant changes";
        var byDefault = string.Create(CultureInfo.InvariantCulture, $"{options.Value.DefaultUplift * 100:0.#} %");
        var n = uplift.ReleasesLearnedFrom;
        return n == 0
            ? $"No past release {kind} has ticket counts yet: the default uplift of {byDefault} is used."
            : $"Uplift learned from {n} past release{(n == 1 ? "" : "s")} with ticket counts ({kind}, like this one), "
                + $"weighed against the default of {byDefault}.";
    }

    /// <summary>Daily totals over all channels.</summary>
    private async Task<TicketHistory> HistoryAsync(CancellationToken ct)
    {
        var totals = await db.TicketVolumes.AsNoTracking().GroupBy(v => v.Date)
            .Select(g => new { g.Key, Total = g.Sum(v => v.Count) }).ToListAsync(ct);
        return TicketHistory.FromTotals(totals.Select(t => KeyValuePair.Create(t.Key, t.Total)));
    }

    /// <summary>
    /// Releases that happened before today, on the day they were released. Each forecast then keeps
    /// only those whose window ended before its own start.
    /// </summary>
    private async Task<IReadOnlyList<PastRelease>> PastReleasesAsync(CancellationToken ct)
    {
        var released = await db.Releases.AsNoTracking().Where(r => r.Status == ReleaseStatus.Released)
            .Select(r => new { r.PlannedDate, r.Status, r.ReleasedAt, r.SignificantChanges }).ToListAsync(ct);
        var starts = released.Select(r => (StartOf(r.Status, r.PlannedDate, r.ReleasedAt), r.SignificantChanges));
        return SurgeStart.PastReleases(starts, Today());
    }

    /// <summary>The surge window is the release's support-surge step, when its plan has one.</summary>
    private async Task<Dictionary<int, int>> WindowDaysAsync(List<int> releaseIds, CancellationToken ct) =>
        (await db.RolloutTasks.AsNoTracking()
            .Where(t => releaseIds.Contains(t.ReleaseId) && t.StepKey == DefaultPlaybook.SupportSurge
                && t.DurationDays > 0)
            .Select(t => new { t.ReleaseId, t.DurationDays }).ToListAsync(ct))
        .GroupBy(t => t.ReleaseId).ToDictionary(g => g.Key, g => Math.Min(g.First().DurationDays, 90));
}
