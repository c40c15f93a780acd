using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Support;

public sealed record SurgeDayDto(DateOnly Date, int DayAfterRelease, double Baseline, double Expected, double Low,
    double High, int? Actual, string Status, double ExtraHours);

/// <summary>
/// A release's surge. <c>When</c> reads "planned for …" until the release is released, then "released on …";
/// the window starts on the release day (the planned date until then) and a cancelled release has none.
/// </summary>
public sealed record ReleaseSurgeDto(int ReleaseId, string Release, string Status, string When, DateOnly PlannedDate,
    DateOnly? ReleasedOn, DateOnly? WindowStart, DateOnly? WindowEnd, bool SignificantChanges, int ReleasesLearnedFrom,
    string? Uplift, double? TotalExtraHours, IReadOnlyList<SurgeDayDto> Days, IReadOnlyList<string> Alerts,
    string? Problem);

public static class SupportApi
{
    public static IServiceCollection AddSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<TicketVolumeImport>();
        services.AddScoped<SurgeForecasts>();
        services.AddScoped<SurgeAlertCheck>();
        services.AddHostedService<SurgeAlertJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapSupport(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/support").RequireAuthorization(Policies.Staff).WithTags("Support");
        api.MapPost("/ticket-volume", PushAsync).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/releases/{id:int}/forecast", ForecastAsync);
        return app;
    }

    private static async Task<Results<Ok<StoredCounts>, ValidationProblem, ProblemHttpResult>> PushAsync(
        List<TicketCountInput>? counts, TicketVolumeImport import, SurgeAlertCheck alerts,
            ILogger<TicketVolumeImport> logger, CancellationToken ct)
    {
        var outcome = await import.PushAsync(counts, ct);
        if (outcome.IsOk)
        {
            await CheckAlertsAsync(alerts, logger, ct);
        }
        return outcome.ToOkOrRefused();
    }

    /// <summary>New counts may complete a two-day run outside the band; tell the lead now rather than at the next
    /// periodic check.</summary>
    internal static async Task CheckAlertsAsync(SurgeAlertCheck alerts, ILogger logger, CancellationToken ct)
    {
        try
        {
            await alerts.RunAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e,
                "Support surge alert check after new ticket counts failed; the periodic check will retry");
        }
    }

    private static async Task<Results<Ok<ReleaseSurgeDto>, NotFound>> ForecastAsync(int id, SurgeForecasts forecasts,
        CancellationToken ct)
    {
        if (await forecasts.ForReleaseAsync(id, ct) is not { } s)
        {
            return TypedResults.NotFound();
        }
        var hours = s.Staffing?.Days.ToDictionary(d => d.Date, d => d.ExtraHours) ?? [];
        var cancelled = s.Start.IsCancelled;
        return TypedResults.Ok(new ReleaseSurgeDto(
            s.ReleaseId, s.ReleaseName, s.Start.Status.ToString(), s.When("yyyy-MM-dd"),
            s.Start.PlannedDate, s.Start.ReleasedOn, cancelled ? null : s.WindowStart, cancelled ? null : s.WindowEnd,
            s.SignificantChanges, s.Uplift?.ReleasesLearnedFrom ?? 0, s.UpliftNote, s.Staffing?.TotalExtraHours,
            s.Days.Select(d => new SurgeDayDto(d.Day.Date, d.Day.DayAfterRelease, Math.Round(d.Day.Baseline, 1),
                Math.Round(d.Day.Expected, 1),
                Math.Round(d.Day.Low, 1), Math.Round(d.Day.High, 1), d.Actual, d.Status.ToString(),
                    Math.Round(hours.GetValueOrDefault(d.Day.Date), 1))).ToList(),
            s.Alerts.Select(a => $"{a.Direction} {a.Days[0]:yyyy-MM-dd}..{a.Days[^1]:yyyy-MM-dd}").ToList(),
                s.Problem));
    }
}
