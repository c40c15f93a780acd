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
}
