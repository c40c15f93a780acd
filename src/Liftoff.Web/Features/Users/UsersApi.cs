using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Users;

public sealed record RoleChange(string Role, int? OrganisationId);

/// <summary>A new user and the password to pass on to them once.</summary>
public sealed record NewUserView(UserSummary User, string InitialPassword);

public static class UsersApi
{
    public static IServiceCollection AddUsers(this IServiceCollection services) =>
        services.AddScoped<UserAdministration>();

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization(Policies.Admin).WithTags("Users");
        api.MapGet("/", async (UserAdministration users, CancellationToken ct) =>
            TypedResults.Ok(await users.ListAsync(ct)));
        api.MapGet("/{id}", GetAsync);
        api.MapPost("/", async (NewUser? request, UserAdministration users, CancellationToken ct) =>
            request is null
                ? TypedResults.ValidationProblem(new Dictionary<string,
                    string[]>
                { [""] = ["A request body is required."] })
                : (await users.CreateAsync(request, ct)).ToCreatedOrRefused(c =>
                    new NewUserView(c.User, c.InitialPassword), c => $"/api/users/{c.User.Id}"));
        api.MapPut("/{id}/role", async (string id, RoleChange? change, UserAdministration users,
            CancellationToken ct) =>
            (await users.SetRoleAsync(id, change?.Role ?? "", change?.OrganisationId, ct)).ToResults());
        api.MapPost("/{id}/deactivate", async (string id, UserAdministration users, CancellationToken ct) =>
            (await users.SetActiveAsync(id, false, ct)).ToResults());
        api.MapPost("/{id}/activate", async (string id, UserAdministration users, CancellationToken ct) =>
            (await users.SetActiveAsync(id, true, ct)).ToResults());
        return app;
    }

    private static async Task<Results<Ok<UserSummary>, NotFound>> GetAsync(string id, UserAdministration users,
        CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();
}
