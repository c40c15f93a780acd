using System.Globalization;
using System.Text;
using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Domain.Support;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Support;

/// <summary>
/// Emails the Customer Success lead when a release's ticket volume has left its band two days running.
/// Each alert has a deduplication key (release, direction, first day), and the outbox's unique index on
/// that key makes the check safe to run on several instances at once: a second instance's insert fails
/// and is dropped.
/// </summary>
public sealed class SurgeAlertCheck(AppDbContext db, SurgeForecasts forecasts, Outbox outbox,
    ILogger<SurgeAlertCheck> logger)
{
    public const string Kind = "support-surge-alert";

    public static string DeduplicationKey(int releaseId, SurgeAlert alert) =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}:{releaseId}:{alert.Direction}:{alert.Days[0]:yyyy-MM-dd}");

    /// <summary>Queues an email for every alert not sent before; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var active = await forecasts.ActiveAsync(ct);
        var alerting = active.Where(r => r.Alerts.Count > 0).ToList();
        if (alerting.Count == 0)
        {
            return 0;
        }
        var lead = await db.Teams.AsNoTracking().Where(t => t.Key == DefaultPlaybook.CustomerSuccessTeam
            && t.Lead != null)
            .Select(t => new { t.Lead!.Email, t.Lead.DisplayName }).FirstOrDefaultAsync(ct);
        if (lead?.Email is null)
        {
            logger.LogWarning(
                "Support surge alerts for {Count} release(s) cannot be emailed: the '{Team}' team has no lead with " +
                    "an email address",
                alerting.Count, DefaultPlaybook.CustomerSuccessTeam);
            return 0;
        }
        var queued = 0;
        foreach (var release in alerting)
        {
            foreach (var alert in release.Alerts)
            {
                if (await outbox.EnqueueAsync(Email(lead.Email, lead.DisplayName, release, alert), Kind,
                    DeduplicationKey(release.ReleaseId, alert), ct))
                {
                    queued++;
                }
            }
        }
        if (queued == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same alert between our check and our insert.
            db.ChangeTracker.Clear();
            return 0;
        }
        return queued;
    }

    private static OutgoingEmail Email(string to, string? name, ReleaseSurge release, SurgeAlert alert)
    {
        var above = alert.Direction == AlertDirection.AboveBand;
        var subject = $"Support volume {(above ? "above" : "below")} forecast for {release.ReleaseName}";
        var text = new StringBuilder();
        var side = above ? "above" : "below";
        var when = release.When("yyyy-MM-dd");
        var days = alert.Days.Count;
        text.Append(CultureInfo.InvariantCulture, $"Ticket volume after {release.ReleaseName} ({when}) ")
            .AppendLine(CultureInfo.InvariantCulture, $"has been {side} the forecast band for {days} days running:");
        text.AppendLine();
        foreach (var day in release.Days.Where(d => alert.Days.Contains(d.Day.Date)))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {day.Day.Date:ddd yyyy-MM-dd}: {day.Actual} tickets, expected {day.Day.Expected:0} (band " +
                    $"{day.Day.Low:0}–{day.Day.High:0})");
        }
        text.AppendLine();
        text.AppendLine(above
            ? "Consider adding support hours beyond the plan, and check for an incident or a confusing change."
            : "The surge is lighter than planned; extra support hours may be released.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Forecast and staffing: /Support/Release/{release.ReleaseId}");
        return new OutgoingEmail(to, name, subject, text.ToString());
    }
}

/// <summary>Runs the alert check periodically on every instance; the deduplication key keeps it to one email.</summary>
public sealed class SurgeAlertJob(IServiceScopeFactory scopes, IOptions<SupportOptions> options, TimeProvider clock,
    ILogger<SurgeAlertJob> logger) : PollingJob(clock, logger)
{
    protected override string JobName => "Support surge alert check";

    protected override TimeSpan Interval => options.Value.AlertCheckInterval;

    protected override bool WaitBeforeFirstPass => true;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SurgeAlertCheck>().RunAsync(ct);
        return false;
    }
}
