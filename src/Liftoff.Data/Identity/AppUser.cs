using Microsoft.AspNetCore.Identity;

namespace Liftoff.Data.Identity;

/// <summary>A person who signs in. External users belong to a reseller or customer organisation.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public int? OrganisationId { get; set; }

    public Organisation.OrganisationEntity? Organisation { get; set; }

    /// <summary>Deactivated users keep their history but cannot sign in or use tokens.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the person gets the daily "Waiting for you" email (only on days the list is not
    /// empty).</summary>
    public bool InboxDigest { get; set; } = true;
}
