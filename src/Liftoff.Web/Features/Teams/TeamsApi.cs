using System.Security.Claims;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Teams;

public sealed record LeadChange(string? LeadUserId);

public sealed record MemberChange(string UserId);

public static class TeamsApi
{
    public static IServiceCollection AddTeams(this IServiceCollection services) =>
        services.AddScoped<TeamAdministration>();

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/teams").RequireAuthorization(Policies.Staff).WithTags("Teams");
        read.MapGet("/", async (TeamAdministration teams, CancellationToken ct) =>
            TypedResults.Ok(await teams.ListAsync(ct)));
        read.MapGet("/{id:int}", GetAsync);

        var write = app.MapGroup("/api/teams").RequireAuthorization(Policies.Admin).WithTags("Teams");
        write.MapPost("/", async (TeamInput? input, TeamAdministration teams, CancellationToken ct) =>
            (await teams.CreateAsync(input ?? new TeamInput("", null), ct))
                .ToCreatedOrRefused(t => $"/api/teams/{t.Id}"));
        write.MapPut("/{id:int}", async (int id, TeamInput? input, TeamAdministration teams, CancellationToken ct) =>
            (await teams.UpdateAsync(id, input ?? new TeamInput("", null), ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPut("/{id:int}/lead", async (int id, LeadChange? change, TeamAdministration teams,
            ClaimsPrincipal user, CancellationToken ct) =>
            (await teams.SetLeadAsync(id, change?.LeadUserId, user.FindFirstValue(ClaimTypes.NameIdentifier), ct))
                .ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:int}/members", async (int id, MemberChange? change, TeamAdministration teams,
            CancellationToken ct) =>
            (await teams.AddMemberAsync(id, change?.UserId ?? "", ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:int}/members/{userId}", async (int id, string userId, TeamAdministration teams,
            CancellationToken ct) =>
            (await teams.RemoveMemberAsync(id, userId, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<TeamView>, NotFound>> GetAsync(int id, TeamAdministration teams,
        CancellationToken ct) =>
        await teams.GetAsync(id, ct) is { } team ? TypedResults.Ok(team) : TypedResults.NotFound();
}
