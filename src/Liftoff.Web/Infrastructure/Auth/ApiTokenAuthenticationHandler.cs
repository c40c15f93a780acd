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
    IUserClaimsPrincipalFactory<AppUser> principals)
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
        var principal = await principals.CreateAsync(token.User);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ScopeClaim, ApiTokenService.ScopeName(token.Scope)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
