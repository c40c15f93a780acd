using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Auth;

public sealed record CreatedToken(
    int Id, string Name, string Token, string Prefix, ApiTokenScope Scope, DateTimeOffset? ExpiresAt);

/// <summary>A token request as typed: scope "read-only" or "read-write", expiry as a date (yyyy-mm-dd).</summary>
public sealed record NewApiToken(string? Name, string? Scope = null, string? Expires = null);

/// <summary>The owner and rights of a valid token, with the owner's roles and claims (user and role claims).</summary>
public sealed record ResolvedToken(AppUser User, ApiTokenScope Scope, IReadOnlyList<string> Roles,
    IReadOnlyList<(string Type, string Value)> Claims);

/// <summary>Creates, revokes and resolves personal API tokens. The secret is shown once and stored only as a
/// hash.</summary>
public sealed class ApiTokenService(AppDbContext db, TimeProvider clock)
{
    private const string TokenPrefix = "lft_";

    public Task<CreatedToken> CreateAsync(string userId, string name, CancellationToken ct = default) =>
        CreateAsync(userId, name, ApiTokenScope.ReadWrite, null, ct);

    /// <summary>Checks what a person typed, then creates the token; nothing is stored when a value is wrong.</summary>
    public async Task<Outcome<CreatedToken>> CreateAsync(
        string userId, NewApiToken request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[nameof(NewApiToken.Name)] = ["Give the token a name."];
        }
        else if (name.Length > 100)
        {
            errors[nameof(NewApiToken.Name)] = ["The token name may have at most 100 characters."];
        }
        var scope = ParseScope(request.Scope);
        if (scope is null)
        {
            errors[nameof(NewApiToken.Scope)] = [$"Unknown scope '{request.Scope}': use read-only or read-write."];
        }
        var expiresAt = ParseExpiry(request.Expires, out var expiryError);
        if (expiryError is not null)
        {
            errors[nameof(NewApiToken.Expires)] = [expiryError];
        }
        return errors.Count > 0
            ? Outcome<CreatedToken>.Invalid(errors)
            : Outcome<CreatedToken>.Ok(await CreateAsync(userId, name, scope!.Value, expiresAt, ct));
    }

    public async Task<ResolvedToken?> ResolveAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }
        var hash = Hash(token);
        // One round trip for what a request needs to know about its caller: the token, its owner, the owner's
        // roles and claims (the sign-in's claims factory would ask four more times).
        var found = await db.ApiTokens
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new
            {
                Token = t,
                t.User,
                Roles = db.UserRoles.Where(ur => ur.UserId == t.UserId)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                UserClaims = db.UserClaims.Where(c => c.UserId == t.UserId)
                    .Select(c => new { c.Id, c.ClaimType, c.ClaimValue }).ToList(),
                RoleClaims = db.UserRoles.Where(ur => ur.UserId == t.UserId)
                    .Join(db.RoleClaims, ur => ur.RoleId, c => c.RoleId,
                        (_, c) => new { c.Id, c.ClaimType, c.ClaimValue })
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        var entity = found?.Token;
        var now = clock.GetUtcNow();
        if (found?.User is not { IsActive: true } || entity!.ExpiresAt <= now)
        {
            return null;
        }
        // Record use at most once a minute so scripts do not turn every read into a write.
        if (entity.LastUsedAt is null || now - entity.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            entity.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        var claims = found.UserClaims.OrderBy(c => c.Id).Concat(found.RoleClaims.OrderBy(c => c.Id))
            .Where(c => c.ClaimType is not null && c.ClaimValue is not null)
            .Select(c => (c.ClaimType!, c.ClaimValue!)).ToList();
        return new(found.User, entity.Scope, found.Roles.OfType<string>().Order(StringComparer.Ordinal).ToList(),
            claims);
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string ScopeName(ApiTokenScope scope) => scope == ApiTokenScope.ReadOnly ? "read-only" : "read-write";

    private async Task<CreatedToken> CreateAsync(
        string userId, string name, ApiTokenScope scope, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var token = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = token[..12],
            TokenHash = Hash(token),
            CreatedAt = clock.GetUtcNow(),
            Scope = scope,
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(entity.Id, entity.Name, token, entity.Prefix, scope, expiresAt);
    }

    private static ApiTokenScope? ParseScope(string? text) =>
        text?.Trim().Replace("-", "").Replace("_", "").Replace(" ", "").ToLowerInvariant() switch
        {
            null or "" or "readwrite" => ApiTokenScope.ReadWrite,
            "readonly" => ApiTokenScope.ReadOnly,
            _ => null,
        };

    /// <summary>A token given the expiry date D stops working at 00:00 UTC on D.</summary>
    private DateTimeOffset? ParseExpiry(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var style = DateTimeStyles.None;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, style, out var date))
        {
            error = $"'{text}' is not a date: give the expiry as year-month-day, for example 2027-01-31.";
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date <= today)
        {
            error = $"The expiry date {date:yyyy-MM-dd} is not in the future: choose a date after {today:yyyy-MM-dd}.";
            return null;
        }
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
