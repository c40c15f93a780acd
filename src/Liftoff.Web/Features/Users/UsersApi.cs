using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Users;

public sealed record RoleChange(string Role, int? OrganisationId);

public static class UsersApi
{
    public static IServiceCollection AddUsers(this IServiceCollection services) =>
        services.AddScoped<UserAdministration>();

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization(Policies.Admin).WithTags("Users");
        api.MapGet("/", async (UserAdministration users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)));
        api.MapGet("/{id}", GetAsync);
        api.MapPost("/", async (NewUser? request, UserAdministration users, CancellationToken ct) =>
            request is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await users.CreateAsync(request, ct)).ToHttpResult(c => TypedResults.Created($"/api/users/{c.User.Id}", new { c.User, c.InitialPassword })));
        api.MapPut("/{id}/role", async (string id, RoleChange? change, UserAdministration users, CancellationToken ct) =>
            (await users.SetRoleAsync(id, change?.Role ?? "", change?.OrganisationId, ct)).ToHttpResult());
        api.MapPost("/{id}/deactivate", async (string id, UserAdministration users, CancellationToken ct) =>
            (await users.SetActiveAsync(id, false, ct)).ToHttpResult());
        api.MapPost("/{id}/activate", async (string id, UserAdministration users, CancellationToken ct) =>
            (await users.SetActiveAsync(id, true, ct)).ToHttpResult());
        return app;
    }

    private static async Task<Results<Ok<UserSummary>, NotFound>> GetAsync(string id, UserAdministration users, CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();
}
