using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Releases;

/// <summary>Releases: services and HTTP endpoints. Tasks, playbooks and the calendar register their own.</summary>
public static class ReleasesApi
{
    public static IServiceCollection AddReleases(this IServiceCollection services)
    {
        services.AddScoped<ReleaseQueries>();
        services.AddScoped<ReleaseChanges>();
        services.AddScoped<CreateRelease>();
        services.AddScoped<UpdateRelease>();
        services.AddScoped<MoveReleaseDate>();
        services.AddScoped<ChangeReleaseStatus>();
        services.AddScoped<ApplyReleasePlaybook>();
        return services;
    }

    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/api/releases").RequireAuthorization(Policies.Staff).WithTags("Releases");
        releases.MapGet("/", async (bool? active, ReleaseQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ListAsync(active ?? false, 1000, ct)));
        releases.MapGet("/{id:int}", GetReleaseAsync);
        releases.MapPost("/", async (ReleaseInput? input, CreateRelease p, CancellationToken ct) =>
            (await p.CreateAsync(input ?? new ReleaseInput(null, null, null), ct))
                .ToCreatedOrRefused(r => $"/api/releases/{r.Id}"));
        releases.MapPut("/{id:int}", async (int id, ReleaseInput? input, UpdateRelease p, CancellationToken ct) =>
            (await p.UpdateAsync(id, input ?? new ReleaseInput(null, null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/move", async (int id, MoveReleaseInput? input, MoveReleaseDate p,
                CancellationToken ct) =>
            (await p.MoveAsync(id, input ?? new MoveReleaseInput(null, null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/status", SetStatusAsync)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);
        releases.MapPost("/{id:int}/apply-playbook", async (int id, ApplyPlaybookInput? input, ApplyReleasePlaybook p,
                CancellationToken ct) =>
            (await p.ApplyPlaybookAsync(id, input?.RowVersion, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<ReleaseView>, ValidationProblem, NotFound, ProblemHttpResult>>
        SetStatusAsync(int id, ReleaseStatusInput? input, ChangeReleaseStatus p, ClaimsPrincipal user,
            CancellationToken ct)
    {
        var outcome = await p.SetStatusAsync(id, input ?? new ReleaseStatusInput(null, null),
            user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        // Undecided or badly decided pre-release tasks: the request is well-formed but cannot be carried out yet.
        return outcome.Kind == OutcomeKind.Invalid && outcome.HasError(ReleaseTaskDecisions.Field)
            ? TypedResults.Problem(new HttpValidationProblemDetails(
                outcome.ErrorsByField())
            {
                Title = "The open pre-release tasks need a decision",
                Status = StatusCodes.Status422UnprocessableEntity,
            })
            : outcome.ToResults();
    }

    private static async Task<Results<Ok<ReleaseView>, NotFound>> GetReleaseAsync(int id, ReleaseQueries q,
        CancellationToken ct) =>
        await q.GetAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
}
