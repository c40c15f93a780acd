using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Liftoff.Data;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Account;

public sealed record TokenRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name);

public sealed record TokenView(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record MeView(string Id, string? Email, string DisplayName, IReadOnlyList<string> Roles, int? OrganisationId);

public static class AccountApi
{
    public static IServiceCollection AddAccount(this IServiceCollection services) =>
        services.AddScoped<Features.Audit.AuditQuery>();

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", async (ClaimsPrincipal principal, AppDbContext db, CancellationToken ct) =>
            {
                var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
                var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
                return user is null
                    ? Results.NotFound()
                    : Results.Ok(new MeView(user.Id, user.Email, user.DisplayName, principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.OrganisationId));
            })
            .RequireAuthorization(Policies.Portal).WithTags("Account");

        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(Policies.Staff).WithTags("Account");
        tokens.MapGet("/", async (ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await ListTokensAsync(db, UserId(user), ct)));
        tokens.MapPost("/", async (TokenRequest? request, ClaimsPrincipal user, ApiTokenService service, AuditLog audit, CancellationToken ct) =>
        {
            var errors = Validation.Errors(request);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var created = await service.CreateAsync(UserId(user), request!.Name, ct);
            await audit.WriteAsync("token.created", "token", created.Id.ToString(), created.Name, ct: ct);
            return Results.Created($"/api/tokens/{created.Id}", created);
        });
        tokens.MapDelete("/{id:int}", async (int id, ClaimsPrincipal user, AppDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            await RevokeAsync(db, audit, clock, UserId(user), id, ct) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    public static Task<List<TokenView>> ListTokensAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt)).ToListAsync(ct);

    public static async Task<bool> RevokeAsync(AppDbContext db, AuditLog audit, TimeProvider clock, string userId, int id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, ct);
        if (token is null)
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            audit.Add("token.revoked", "token", id.ToString(), token.Name);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
