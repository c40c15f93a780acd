using Liftoff.Web.Infrastructure.Auth;

namespace Liftoff.Web.Features.Backlog.Export;

/// <summary>The whole backlog as a CSV or .xlsx download.</summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Staff only (the fallback policy): the export holds every request and requestor.
        app.MapGet("/Backlog/Export", async (string? format, BacklogExport export, TimeProvider clock,
            CancellationToken ct) =>
        {
            var stamp = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                ? TypedResults.File(await export.CsvAsync(ct), "text/csv; charset=utf-8", $"backlog-{stamp}.csv")
                : TypedResults.File(await export.XlsxAsync(ct),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"backlog-{stamp}.xlsx");
        }).RequireAuthorization(Policies.Staff);
    }
}
