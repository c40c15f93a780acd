using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Auth;

public sealed record CreatedToken(int Id, string Name, string Token, string Prefix);

/// <summary>Creates, revokes and resolves personal API tokens. The secret is shown once and stored only as a hash.</summary>
public sealed class ApiTokenService(AppDbContext db, TimeProvider clock)
{
    private const string TokenPrefix = "lft_";

    public async Task<CreatedToken> CreateAsync(string userId, string name, CancellationToken ct = default)
    {
        var token = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = token[..12],
            TokenHash = Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(entity.Id, entity.Name, token, entity.Prefix);
    }

    public async Task<AppUser?> ResolveAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }
        var hash = Hash(token);
        var entity = await db.ApiTokens.Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        if (entity?.User is not { IsActive: true })
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // Record use at most once a minute so scripts do not turn every read into a write.
        if (entity.LastUsedAt is null || now - entity.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            entity.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return entity.User;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
