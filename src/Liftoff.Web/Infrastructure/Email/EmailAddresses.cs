using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace Liftoff.Web.Infrastructure.Email;

public static class EmailAddresses
{
    /// <summary>
    /// The form in which addresses are compared and stored for lookups (contacts, votes, send ledger):
    /// one person's address, however typed, is one key.
    /// </summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Accepts <paramref name="raw"/> when, trimmed, it is one plain address (no display name or spaces, a dotted
    /// domain, at most 320 characters): <paramref name="address"/> is then the address as typed, trimmed, to show
    /// and send to, and <paramref name="key"/> its <see cref="Normalise"/>d form for lookups.
    /// </summary>
    public static bool TryNormalise(
        string? raw, [NotNullWhen(true)] out string? address, [NotNullWhen(true)] out string? key)
    {
        address = null;
        key = null;
        var email = (raw ?? "").Trim();
        if (email.Length is 0 or > 320 || email.Contains(' ', StringComparison.Ordinal)
            || email.Contains('<', StringComparison.Ordinal))
        {
            return false;
        }
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }
        address = email;
        key = Normalise(email);
        return true;
    }
}
