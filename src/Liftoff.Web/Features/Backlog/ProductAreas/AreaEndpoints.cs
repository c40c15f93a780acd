using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;

namespace Liftoff.Web.Features.Backlog.ProductAreas;

/// <summary>Listing product areas (staff); adding and renaming them (leads).</summary>
internal static class AreaEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var areas = app.MapGroup("/api/areas").WithTags("Backlog");
        areas.MapGet("/", async (AreasAdministration a, CancellationToken ct) => TypedResults.Ok(await a.ListAsync(ct)))
            .RequireAuthorization(Policies.Staff);
        areas.MapPost("/", async (AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.CreateAsync(input?.Name, ct)).ToCreatedOrRefused(x => $"/api/areas/{x.Id}"))
                .RequireAuthorization(Policies.Lead);
        areas.MapPut("/{id:int}", async (int id, AreaName? input, AreasAdministration a, CancellationToken ct) =>
            (await a.RenameAsync(id, input?.Name, ct)).ToResults()).RequireAuthorization(Policies.Lead);
    }
}

public sealed record AreaName(string? Name);
