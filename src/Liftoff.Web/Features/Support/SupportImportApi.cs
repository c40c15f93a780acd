using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Support;

/// <summary>The support import page's action: a helpdesk CSV export, checked with a dry run or stored.</summary>
public static class SupportImportApi
{
    public static IEndpointRouteBuilder MapSupportImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/support/ticket-volume/csv", ImportAsync).RequireAuthorization(Policies.Staff)
            .WithTags("Support")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.RequestCeiling))
            .WithFormOptions(multipartBodyLengthLimit: UploadLimits.RequestCeiling);
        return app;
    }

    /// <summary>
    /// With <c>dryRun=true</c> reports what the file would add or change and stores nothing. A file with any
    /// row error is refused (422) with every error named; nothing is stored then either.
    /// </summary>
    private static async Task<Results<Ok<CsvImportReport>, UnprocessableEntity<CsvImportReport>,
        ValidationProblem>> ImportAsync(
        IFormFile? file, [FromForm] CsvLayout? layout, [FromForm] string? dateColumn, [FromForm] string? countColumn,
        [FromForm] string? channelColumn, [FromForm] bool? ignoreChannel, [FromForm] string? timeZone,
            [FromQuery] bool? dryRun,
        TicketVolumeImport import, SurgeAlertCheck alerts, IOptions<UploadLimits> limits,
            ILogger<TicketVolumeImport> logger, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = ["Choose a CSV file exported from the helpdesk and send it as the form field \"file\"."],
            });
        }
        if (file.Length > limits.Value.MaxFileBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [UploadLimits.FileTooLarge(file.Length, limits.Value.MaxFileBytes)
                    + " Export a shorter period."],
            });
        }
        var dry = dryRun ?? false;
        await using var stream = file.OpenReadStream();
        var report = await import.ImportCsvAsync(stream,
            new CsvMapping(layout ?? CsvLayout.Auto, dateColumn, countColumn, channelColumn, timeZone, ignoreChannel
                ?? false), dry, file.FileName, ct);
        if (!dry && report.Stored is not null)
        {
            await SupportApi.CheckAlertsAsync(alerts, logger, ct);
        }
        return report.Parsed.Succeeded && report.Failure is null ? TypedResults.Ok(report)
            : TypedResults.UnprocessableEntity(report);
    }
}
