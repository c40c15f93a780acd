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
    DateOnly ReleaseDate,
    bool SignificantChanges,
    DateOnly WindowEnd,
    DateOnly Today,
    IReadOnlyList<SurgeDayView> Days,
    SurgeUplift? Uplift,
    StaffingPlan? Staffing,
    IReadOnlyList<SurgeAlert> Alerts,
    string? Problem)
{
    public bool IsActive => Today >= ReleaseDate && Today <= WindowEnd;

    /// <summary>The latest day up to today that has a count: the freshest reading of the surge.</summary>
    public SurgeDayView? Latest => Days.LastOrDefault(d => d.Actual is not null && d.Day.Date <= Today);

    /// <summary>The release week: release day and the six days after it.</summary>
    public IReadOnlyList<StaffingDay> ReleaseWeek => Staffing?.Days.Take(7).ToList() ?? [];
}

/// <summary>Baseline, forecast, actuals, staffing and alerts of a release's surge window, from the database.</summary>
public sealed class SurgeForecasts(AppDbContext db, TimeProvider clock, IOptions<SupportOptions> options)
{
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.Value.Zone()).DateTime);

    public async Task<ReleaseSurge?> ForReleaseAsync(int releaseId, CancellationToken ct = default)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new { r.Id, r.Name, r.Version, r.PlannedDate, r.SignificantChanges }).FirstOrDefaultAsync(ct);
        if (release is null)
        {
            return null;
        }
        var windowDays = await WindowDaysAsync([release.Id], ct);
        return Compute(release.Id, Label(release.Name, release.Version), release.PlannedDate, release.SignificantChanges,
            windowDays.GetValueOrDefault(release.Id, options.Value.WindowDays), await HistoryAsync(ct), await PastReleasesAsync(release.PlannedDate, ct));
    }

    /// <summary>Releases whose surge window contains today.</summary>
    public async Task<IReadOnlyList<ReleaseSurge>> ActiveAsync(CancellationToken ct = default)
    {
        var today = Today();
        var earliest = today.AddDays(-90);
        var candidates = await db.Releases.AsNoTracking()
            .Where(r => r.Status != ReleaseStatus.Cancelled && r.PlannedDate <= today && r.PlannedDate >= earliest)
            .OrderBy(r => r.PlannedDate)
            .Select(r => new { r.Id, r.Name, r.Version, r.PlannedDate, r.SignificantChanges }).ToListAsync(ct);
        var windowDays = await WindowDaysAsync(candidates.Select(c => c.Id).ToList(), ct);
        var active = candidates.Where(c => c.PlannedDate.AddDays(windowDays.GetValueOrDefault(c.Id, options.Value.WindowDays) - 1) >= today).ToList();
        if (active.Count == 0)
        {
            return [];
        }
        var history = await HistoryAsync(ct);
        // Forecasts learn only from releases before their own date, so later ones need not be read.
        var past = await PastReleasesAsync(active[^1].PlannedDate, ct);
        return active.Select(r => Compute(r.Id, Label(r.Name, r.Version), r.PlannedDate, r.SignificantChanges,
            windowDays.GetValueOrDefault(r.Id, options.Value.WindowDays), history, past)).ToList();
    }

    private ReleaseSurge Compute(int id, string name, DateOnly date, bool significant, int windowDays, TicketHistory history, IReadOnlyList<PastRelease> past)
    {
        var today = Today();
        var end = date.AddDays(windowDays - 1);
        var forecastOptions = new SurgeForecastOptions { WindowDays = windowDays, DefaultPeakUplift = options.Value.DefaultUplift };
        var forecast = SurgeForecast.Predict(history, past, date, significant, forecastOptions);
        if (!forecast.Succeeded)
        {
            return new(id, name, date, significant, end, today, [], null, null, [], string.Join(" ", forecast.Errors.Select(e => e.Message)));
        }
        var days = forecast.Value.Days.Select(d =>
        {
            int? actual = history.TryGet(d.Date, out var a) ? a : null;
            var status = actual is not { } v ? BandStatus.NoData : v > d.High ? BandStatus.AboveBand : v < d.Low ? BandStatus.BelowBand : BandStatus.WithinBand;
            return new SurgeDayView(d, actual, status);
        }).ToList();
        var staffing = StaffingPlan.For(forecast.Value.Days, options.Value.TicketsPerAgentHour);
        var alerts = SurgeAlert.Detect(forecast.Value.Days, history);
        return new(id, name, date, significant, end, today, days, forecast.Value.Uplift, staffing.Value, alerts, null);
    }

    private static string Label(string name, string version) =>
        string.IsNullOrWhiteSpace(name) ? $"Release {version}" : name.Contains(version, StringComparison.OrdinalIgnoreCase) ? name : $"{name} {version}";

    /// <summary>Daily totals over all channels.</summary>
    private async Task<TicketHistory> HistoryAsync(CancellationToken ct)
    {
        var totals = await db.TicketVolumes.AsNoTracking().GroupBy(v => v.Date)
            .Select(g => new { g.Key, Total = g.Sum(v => v.Count) }).ToListAsync(ct);
        return TicketHistory.FromTotals(totals.Select(t => KeyValuePair.Create(t.Key, t.Total)));
    }

    private async Task<IReadOnlyList<PastRelease>> PastReleasesAsync(DateOnly before, CancellationToken ct) =>
        (await db.Releases.AsNoTracking().Where(r => r.Status != ReleaseStatus.Cancelled && r.PlannedDate < before)
            .Select(r => new { r.PlannedDate, r.SignificantChanges }).ToListAsync(ct))
        .Select(r => new PastRelease(r.PlannedDate, r.SignificantChanges)).ToList();

    /// <summary>The surge window is the release's support-surge step, when its plan has one.</summary>
    private async Task<Dictionary<int, int>> WindowDaysAsync(List<int> releaseIds, CancellationToken ct) =>
        (await db.RolloutTasks.AsNoTracking()
            .Where(t => releaseIds.Contains(t.ReleaseId) && t.StepKey == DefaultPlaybook.SupportSurge && t.DurationDays > 0)
            .Select(t => new { t.ReleaseId, t.DurationDays }).ToListAsync(ct))
        .GroupBy(t => t.ReleaseId).ToDictionary(g => g.Key, g => Math.Min(g.First().DurationDays, 90));
}
