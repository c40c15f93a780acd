using System.Security.Claims;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;

namespace Liftoff.Web.Features.Account;

/// <summary>The account a single sign-on may enter, or why it may not.</summary>
public sealed record ExternalSignInResult(AppUser? User, string? Refusal);

/// <summary>
/// Finds the account for an OpenID Connect sign-in. An account that has signed in this way before is found by the
/// provider's subject only; the email is used just once, to link an account on its first single sign-on, and only
/// when the provider says it verified that email. A linked account is never taken over by another subject.
/// </summary>
public sealed class ExternalSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit)
{
    public const string NoAccount =
        "Single sign-on succeeded, but there is no active Liftoff account for this email. " +
        "Ask an administrator to invite you.";

    public const string Unverified =
        "Your identity provider has not verified your email address, so it cannot be linked to a Liftoff account. " +
        "Verify the address with your provider, or sign in with your password.";

    public const string AlreadyLinked =
        "The Liftoff account with this email is already linked to another single sign-on identity. " +
        "Sign in with that identity, or ask an administrator.";

    public async Task<ExternalSignInResult> FindAccountAsync(ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email");
        var linked = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (linked is not null)
        {
            return await signIn.CanSignInAsync(linked)
                ? new(linked, null)
                : await RefuseAsync(linked.Id, email, "account deactivated", NoAccount);
        }
        if (string.IsNullOrWhiteSpace(email))
        {
            return await RefuseAsync(null, email, "no email claim", NoAccount);
        }
        if (!IsVerified(info.Principal))
        {
            return await RefuseAsync(null, email, "email not verified by the provider", Unverified);
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await signIn.CanSignInAsync(user))
        {
            return await RefuseAsync(user?.Id, email, "no active account", NoAccount);
        }
        if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == info.LoginProvider))
        {
            return await RefuseAsync(user.Id, email, "account already linked to another subject", AlreadyLinked);
        }
        var added = await users.AddLoginAsync(user, info);
        if (!added.Succeeded)
        {
            return await RefuseAsync(user.Id, email, "link failed", AlreadyLinked);
        }
        await audit.WriteAsync("user.sso-linked", "user", user.Id, $"{info.LoginProvider} subject {info.ProviderKey}",
            actorName: user.Email);
        return new(user, null);
    }

    private static bool IsVerified(ClaimsPrincipal principal) =>
        bool.TryParse(principal.FindFirstValue("email_verified"), out var verified) && verified;

    private async Task<ExternalSignInResult> RefuseAsync(string? userId, string? email, string reason, string message)
    {
        await audit.WriteAsync("user.sign-in.failed", "user", userId, $"single sign-on {email}: {reason}",
            actorName: email ?? "unknown");
        return new(null, message);
    }
}
