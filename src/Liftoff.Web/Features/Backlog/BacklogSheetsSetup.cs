using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Product areas and the import and export of backlog sheets (CSV, .xlsx).</summary>
public static class BacklogSheetsSetup
{
    public static IServiceCollection AddBacklogSheets(this IServiceCollection services)
    {
        services.AddScoped<AreasAdministration>();
        services.AddScoped<ImportPlanner>();
        services.AddScoped<BacklogImporter>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService<ImportJobService>();
        services.AddScoped<BacklogExport>();
        return services;
    }

    public static IEndpointRouteBuilder MapBacklogSheets(this IEndpointRouteBuilder app)
    {
        var areas = app.MapGroup("/api/areas").WithTags("Backlog");
        areas.MapGet("/", async (AreasAdministration a, CancellationToken ct) => TypedResults.Ok(await a.ListAsync(ct))).RequireAuthorization(Policies.Staff);
        areas.MapPost("/", async (AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.CreateAsync(input?.Name, ct)).ToCreatedOrRefused(x => $"/api/areas/{x.Id}")).RequireAuthorization(Policies.Lead);
        areas.MapPut("/{id:int}", async (int id, AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.RenameAsync(id, input?.Name, ct)).ToResults()).RequireAuthorization(Policies.Lead);
        // Staff only (the fallback policy): the export holds every request and requestor.
        app.MapGet("/Backlog/Export", async (string? format, BacklogExport export, TimeProvider clock, CancellationToken ct) =>
        {
            var stamp = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                ? TypedResults.File(await export.CsvAsync(ct), "text/csv; charset=utf-8", $"backlog-{stamp}.csv")
                : TypedResults.File(await export.XlsxAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"backlog-{stamp}.xlsx");
        }).RequireAuthorization(Policies.Staff);
        return app;
    }
}

public sealed record AreaName(string? Name);
