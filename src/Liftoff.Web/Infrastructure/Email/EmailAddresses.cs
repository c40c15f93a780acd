namespace Liftoff.Web.Infrastructure.Email;

public static class EmailAddresses
{
    /// <summary>
    /// The form in which addresses are compared and stored for lookups (contacts, votes, send ledger):
    /// one person's address, however typed, is one key.
    /// </summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
