using System.Security.Claims;

namespace Liftoff.Web.Infrastructure.Auth;

public static class SignedInUser
{
    /// <summary>The signed-in person's user id; empty when nobody is signed in.</summary>
    public static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
