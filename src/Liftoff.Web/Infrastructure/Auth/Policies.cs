using Liftoff.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Liftoff.Web.Infrastructure.Auth;

/// <summary>Authorization policy names. Anything not marked otherwise requires <see cref="Staff"/>.</summary>
public static class Policies
{
    public const string Staff = "Staff";
    public const string Lead = "Lead";
    public const string Admin = "Admin";

    /// <summary>Any signed-in user, External included: the portal.</summary>
    public const string Portal = "Portal";

    public static void Add(AuthorizationOptions options)
    {
        var staff = new AuthorizationPolicyBuilder().RequireRole(Roles.Admin, Roles.Lead, Roles.Staff).Build();
        options.AddPolicy(Staff, staff);
        options.AddPolicy(Lead, p => p.RequireRole(Roles.Admin, Roles.Lead));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Portal, p => p.RequireAuthenticatedUser());
        // Secure by default: a route added without a policy is staff-only.
        options.FallbackPolicy = staff;
    }
}
