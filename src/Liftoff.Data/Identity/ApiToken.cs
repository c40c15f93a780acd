using System.Text.Json.Serialization;

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

    /// <summary>When the token stops working; null = until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public ApiTokenScope Scope { get; set; }
}

/// <summary>What a token may do: read-only tokens may only read (GET, HEAD, OPTIONS).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiTokenScope>))]
public enum ApiTokenScope
{
    // ReadWrite is the default (0): EF leaves a default-valued column to the database default, which is ReadWrite too.
    ReadWrite = 0,
    ReadOnly = 1,
}
