using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Roadmap;

public sealed record Decision(string? Comment);

public static class RoadmapApi
{
    public static IServiceCollection AddRoadmap(this IServiceCollection services) =>
        services.AddScoped<RoadmapService>().AddScoped<StatementService>().AddScoped<RoadmapDefaults>();

    public static IEndpointRouteBuilder MapRoadmap(this IEndpointRouteBuilder app)
    {
        // Staff only, and never behind a token URL: roadmap content is internal.
        var api = app.MapGroup("/api/roadmap").RequireAuthorization(Policies.Staff).WithTags("Roadmap");
        api.MapGet("/pages", async (RoadmapService roadmap, CancellationToken ct) =>
            TypedResults.Ok((await roadmap.ListPagesAsync(ct)).Select(p =>
                new { p.Page.Key, p.Page.Title, p.ItemCount })));
        api.MapGet("/pages/{key}", GetPageAsync);
        api.MapPost("/pages/{key}/items", async (string key, RoadmapItemInput? input, RoadmapService roadmap,
            CancellationToken ct) =>
            (await roadmap.CreateAsync(key, input ?? new RoadmapItemInput("", null, null, null, null, null), ct))
                .ToCreated(i => $"/api/roadmap/items/{i.Id}"));
        api.MapGet("/items/{id:int}", async Task<Results<Ok<RoadmapItemView>, NotFound>> (int id,
            RoadmapService roadmap, CancellationToken ct) =>
            await roadmap.ViewItemAsync(id, ct) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound());
        api.MapPut("/items/{id:int}", async (int id, RoadmapItemInput? input, RoadmapService roadmap,
            CancellationToken ct) =>
            (await roadmap.UpdateAsync(id, input ?? new RoadmapItemInput("", null, null, null, null, null), ct))
                .ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);

        var statements = app.MapGroup("/api/statements").RequireAuthorization(Policies.Staff).WithTags("Roadmap");
        statements.MapGet("/", async (int? organisationId, StatementService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(organisationId, ct)));
        statements.MapGet("/phrasings", async (StatementService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PhrasingsAsync(ct)));
        statements.MapPost("/", async (StatementRequest? request, StatementService s, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await s.RequestAsync(request ?? new StatementRequest(0, 0, 0, null), user.UserId(), ct))
                .ToCreatedOrRefused(v => $"/api/statements/{v.Id}"));
        var decide = app.MapGroup("/api/statements").RequireAuthorization(Policies.Lead).WithTags("Roadmap");
        decide.MapPost("/{id:int}/approve", async (int id, Decision? d, StatementService s, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await s.DecideAsync(id, true, d?.Comment, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        decide.MapPost("/{id:int}/reject", async (int id, Decision? d, StatementService s, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await s.DecideAsync(id, false, d?.Comment, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<RoadmapPageView>, NotFound>> GetPageAsync(string key, RoadmapService roadmap,
        CancellationToken ct) =>
        await roadmap.ViewPageAsync(key, "viewed", ct) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound();
}
