namespace Liftoff.Data.Identity;

/// <summary>A personal token for scripts. Only a SHA-256 hash of the secret is stored.</summary>
public class ApiToken
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public AppUser? User { get; set; }

    public string Name { get; set; } = "";

    /// <summary>First characters of the token, shown so the owner can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
