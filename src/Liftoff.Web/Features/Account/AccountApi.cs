using System.Security.Claims;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Account;

/// <summary>A new token: scope "read-only" or "read-write" (default); optional expiry date, yyyy-mm-dd.</summary>
public sealed record TokenRequest(string? Name, string? Scope = null, string? Expires = null);

public sealed record TokenView(
    int Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    ApiTokenScope Scope,
    DateTimeOffset? ExpiresAt);

public sealed record MeView(string Id, string? Email, string DisplayName, IReadOnlyList<string> Roles,
    int? OrganisationId);

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
                    ? (Results<Ok<MeView>, NotFound>)TypedResults.NotFound()
                    : TypedResults.Ok(new MeView(user.Id, user.Email, user.DisplayName,
                        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), user.OrganisationId));
            })
            .RequireAuthorization(Policies.Portal).WithTags("Account");

        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(Policies.Staff).WithTags("Account");
        tokens.MapGet("/", async (ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await ListTokensAsync(db, user.UserId(), ct)));
        tokens.MapPost("/", async (TokenRequest? request, ClaimsPrincipal user, ApiTokenService service,
            AuditLog audit, CancellationToken ct) =>
        {
            var outcome = await CreateTokenAsync(service, audit, user.UserId(), request, ct);
            return outcome.ToCreatedOrRefused(created => $"/api/tokens/{created.Id}");
        });
        tokens.MapDelete("/{id:int}", async (int id, ClaimsPrincipal user, AppDbContext db, AuditLog audit,
            TimeProvider clock, CancellationToken ct) =>
            await RevokeAsync(db, audit, clock, user.UserId(), id, ct)
                ? (Results<NoContent, NotFound>)TypedResults.NoContent()
                : TypedResults.NotFound());
        return app;
    }

    public static Task<List<TokenView>> ListTokensAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new TokenView(
                t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt, t.Scope, t.ExpiresAt))
            .ToListAsync(ct);

    /// <summary>Creates a token from what the owner typed (page, API) and audits its scope and expiry.</summary>
    public static async Task<Outcome<CreatedToken>> CreateTokenAsync(
        ApiTokenService service, AuditLog audit, string userId, TokenRequest? request, CancellationToken ct)
    {
        if (request is null)
        {
            return Outcome<CreatedToken>.Invalid("", "A request body is required.");
        }
        var wanted = new NewApiToken(request.Name, request.Scope, request.Expires);
        var outcome = await service.CreateAsync(userId, wanted, ct);
        if (outcome.Value is { } created)
        {
            await audit.WriteAsync("token.created", "token", created.Id.ToString(), Describe(created), ct: ct);
        }
        return outcome;
    }

    public static string Describe(CreatedToken token) =>
        $"{token.Name} ({ApiTokenService.ScopeName(token.Scope)}, " +
        (token.ExpiresAt is { } at ? $"expires {at:yyyy-MM-dd HH:mm} UTC)" : "no expiry)");

    public static async Task<bool> RevokeAsync(AppDbContext db, AuditLog audit, TimeProvider clock, string userId,
        int id, CancellationToken ct)
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

}
