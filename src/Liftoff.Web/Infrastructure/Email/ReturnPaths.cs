using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Platform;
using Liftoff.Web.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>What a return-path token stands for.</summary>
public enum ReturnPathKind
{
    /// <summary>A newsletter recipient (ledger row).</summary>
    NewsletterRecipient,

    /// <summary>An outbox message.</summary>
    OutboxMessage,

    /// <summary>A contact who mails the unsubscribe address.</summary>
    Unsubscribe,
}

public sealed record ReturnPathToken(ReturnPathKind Kind, long Id);

/// <summary>
/// Per-recipient return paths (VERP): bounces+n123.&lt;mac&gt;@domain. The MAC (HMAC-SHA256 under a key all
/// instances share, stored encrypted with Data Protection) means a bounce can only name a message Liftoff
/// sent: a forged bounce for someone else's address carries no valid token and suppresses nobody.
/// The token stays short because an address's local part has at most 64 characters.
/// </summary>
public sealed class ReturnPaths(IServiceScopeFactory scopes, IDataProtectionProvider protection,
    IOptions<BounceOptions> options, TimeProvider clock)
{
    private const string SecretName = "return-path-key";
    private readonly Lock _gate = new();
    private byte[]? _key;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.ReturnPathAddress);

    /// <summary>The envelope sender for a message, or null when no bounce mailbox is configured.</summary>
    public MailboxAddress? For(ReturnPathKind kind, long id) =>
        Enabled ? new MailboxAddress("", Address(kind, id)) : null;

    public string Address(ReturnPathKind kind, long id)
    {
        var (local, domain) = Split(options.Value.ReturnPathAddress!);
        return $"{local}+{Token(kind, id)}@{domain}";
    }

    public string Token(ReturnPathKind kind, long id)
    {
        var body = Prefix(kind) + id.ToString(CultureInfo.InvariantCulture);
        return body + "." + Mac(body);
    }

    /// <summary>Reads the token of an address such as bounces+n12.abc@domain; null unless it is one Liftoff
    /// made.</summary>
    public ReturnPathToken? Read(string? address)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var (local, domain) = Split(options.Value.ReturnPathAddress!);
        var text = address.Trim().Trim('<', '>');
        var at = text.LastIndexOf('@');
        if (at < 0 || !text[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var part = text[..at];
        if (!part.StartsWith(local + "+", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = part[(local.Length + 1)..].ToLowerInvariant();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 2 || token.Length - dot - 1 != 16)
        {
            return null;
        }
        var body = token[..dot];
        ReturnPathKind? kind = body[0] switch
        {
            'n' => ReturnPathKind.NewsletterRecipient,
            'o' => ReturnPathKind.OutboxMessage,
            'u' => ReturnPathKind.Unsubscribe,
            _ => null,
        };
        if (kind is null || !long.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Mac(body));
        var given = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? new ReturnPathToken(kind.Value, id) : null;
    }

    private static string Prefix(ReturnPathKind kind) => kind switch
    {
        ReturnPathKind.NewsletterRecipient => "n",
        ReturnPathKind.OutboxMessage => "o",
        _ => "u",
    };

    private static (string Local, string Domain) Split(string address)
    {
        var at = address.LastIndexOf('@');
        return (address[..at], address[(at + 1)..]);
    }

    private string Mac(string body)
    {
        var mac = HMACSHA256.HashData(Key(), Encoding.ASCII.GetBytes(body));
        return Convert.ToHexStringLower(mac, 0, 8);
    }

    private byte[] Key()
    {
        lock (_gate)
        {
            return _key ??= LoadOrCreateKey();
        }
    }

    /// <summary>The first instance to need the key creates it; the others read the same one.</summary>
    private byte[] LoadOrCreateKey()
    {
        var protector = protection.CreateProtector("Liftoff.ProtectedSecrets.v1");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var attempt = 0; ; attempt++)
        {
            var stored = db.ProtectedSecrets.AsNoTracking().FirstOrDefault(s => s.Name == SecretName);
            if (stored is not null)
            {
                return Convert.FromBase64String(protector.Unprotect(stored.ProtectedValue));
            }
            var key = RandomNumberGenerator.GetBytes(32);
            db.ProtectedSecrets.Add(new ProtectedSecret
            {
                Name = SecretName,
                ProtectedValue = protector.Protect(Convert.ToBase64String(key)),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                db.SaveChanges();
                return key;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // Another instance created it a moment ago: use that one.
                db.ChangeTracker.Clear();
            }
        }
    }
}
