using System.Security.Claims;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Embeddings;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Backlog;

public static class BacklogApi
{
    public static IServiceCollection AddBacklog(this IServiceCollection services)
    {
        // The model loads on first use, never at start-up.
        services.AddSingleton<ITextEmbedder>(_ => new MiniLmTextEmbedder());
        services.AddSingleton<SimilarRequestEngine>();
        services.AddHostedService<SimilarRequestIndexer>();
        services.AddScoped<BacklogService>();
        services.AddBacklogFlow();
        return services;
    }

    public static IEndpointRouteBuilder MapBacklog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/requests").RequireAuthorization(Policies.Staff).WithTags("Backlog");
        api.MapGet("/similar", async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem>> (string? text, int? limit, SimilarRequestEngine engine, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the text to compare, e.g. ?text=export+to+shapefile."] });
            }
            return TypedResults.Ok(await engine.SearchAsync(text, null, Math.Clamp(limit ?? 5, 1, 50), null, ct));
        });
        api.MapGet("/", async (BacklogService backlog, CancellationToken ct) => TypedResults.Ok(await backlog.ListAsync(ct)));
        api.MapGet("/{id:long}", async Task<Results<Ok<RequestView>, RedirectHttpResult, NotFound>> (long id, BacklogService backlog, CancellationToken ct) =>
            await backlog.GetAsync(id, ct) switch
            {
                null => TypedResults.NotFound(),
                // A merged request leads to the one that was kept.
                { MergedIntoId: { } kept } => TypedResults.Redirect($"/api/requests/{kept}"),
                var r => TypedResults.Ok(r),
            });
        api.MapPost("/", async (NewRequest? input, BacklogService backlog, ClaimsPrincipal user, CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await backlog.CreateAsync(input, user.UserId(), ct)).ToCreatedOrRefused(r => $"/api/requests/{r.Id}"));
        api.MapPost("/{id:long}/requestors", async (long id, Requestor? requestor, BacklogService backlog, ClaimsPrincipal user, CancellationToken ct) =>
            requestor is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await backlog.AddRequestorAsync(id, requestor, user.UserId(), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapBacklogFlow();
        return app;
    }
}
