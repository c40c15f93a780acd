using System.Security.Claims;
using System.Text.Encodings.Web;
using Liftoff.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Infrastructure.Auth;

/// <summary>Authenticates "Authorization: Bearer lft_…" personal tokens.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>"read-only" or "read-write"; see <see cref="ReadOnlyTokens"/>.</summary>
    public const string ScopeClaim = "liftoff:token-scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.ResolveAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Invalid, expired or revoked token.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(token, identity.Value.ClaimsIdentity),
            SchemeName));
    }

    /// <summary>
    /// The claims a sign-in gives (Identity's claims factory: id, name, email, security stamp, user claims, then
    /// each role and the role claims), built from what <see cref="ApiTokenService.ResolveAsync"/> read in one
    /// query, plus the token's scope.
    /// </summary>
    public static ClaimsPrincipal Principal(ResolvedToken token, ClaimsIdentityOptions options)
    {
        var user = token.User;
        var id = new ClaimsIdentity(IdentityConstants.ApplicationScheme, options.UserNameClaimType,
            options.RoleClaimType);
        id.AddClaim(new Claim(options.UserIdClaimType, user.Id));
        id.AddClaim(new Claim(options.UserNameClaimType, user.UserName ?? ""));
        if (!string.IsNullOrEmpty(user.Email))
        {
            id.AddClaim(new Claim(options.EmailClaimType, user.Email));
        }
        id.AddClaim(new Claim(options.SecurityStampClaimType, user.SecurityStamp ?? ""));
        id.AddClaims(token.Roles.Select(r => new Claim(options.RoleClaimType, r)));
        id.AddClaims(token.Claims.Select(c => new Claim(c.Type, c.Value)));
        id.AddClaim(new Claim(ScopeClaim, ApiTokenService.ScopeName(token.Scope)));
        return new ClaimsPrincipal(id);
    }
}
