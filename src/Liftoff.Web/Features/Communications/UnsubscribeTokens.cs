using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Liftoff.Web.Features.Communications;

/// <summary>
/// Unsubscribe tokens are Data Protection payloads (keys live in the database, so every instance
/// accepts every other's links); a forged or altered token does not unprotect.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Liftoff.Newsletter.Unsubscribe.v1");

    public string Create(int contactId) =>
        _protector.Protect("contact:" + contactId.ToString(CultureInfo.InvariantCulture));

    public int? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            var payload = _protector.Unprotect(token);
            return payload.StartsWith("contact:", StringComparison.Ordinal) &&
                   int.TryParse(payload.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
                       : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
