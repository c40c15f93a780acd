using Liftoff.Web.Infrastructure.Auth;

namespace Liftoff.Web.Features.Backlog;

/// <summary>Product areas and the import and export of backlog sheets (CSV, .xlsx).</summary>
public static class BacklogSheetsSetup
{
    public static IServiceCollection AddBacklogSheets(this IServiceCollection services)
    {
        services.AddScoped<AreasAdministration>();
        return services;
    }

    public static IEndpointRouteBuilder MapBacklogSheets(this IEndpointRouteBuilder app)
    {
        var areas = app.MapGroup("/api/areas").WithTags("Backlog");
        areas.MapGet("/", async (AreasAdministration a, CancellationToken ct) => TypedResults.Ok(await a.ListAsync(ct))).RequireAuthorization(Policies.Staff);
        areas.MapPost("/", async (AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.CreateAsync(input?.Name, ct)).ToHttpResult(x => TypedResults.Created($"/api/areas/{x.Id}", x))).RequireAuthorization(Policies.Lead);
        areas.MapPut("/{id:int}", async (int id, AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.RenameAsync(id, input?.Name, ct)).ToHttpResult()).RequireAuthorization(Policies.Lead);
        return app;
    }
}

public sealed record AreaName(string? Name);
