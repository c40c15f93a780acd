using System.ComponentModel.DataAnnotations;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Seed;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Users;

public sealed record NewUser(
    [property: Required, EmailAddress, StringLength(256)] string Email,
    [property: Required, StringLength(200, MinimumLength = 1)] string DisplayName,
    [property: Required] string Role,
    int? OrganisationId = null);

public sealed record UserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles,
    bool IsActive, int? OrganisationId, string? OrganisationName, bool LockedOut);

/// <summary>The user created and the one-time secret to hand over: a generated password or an invitation link
/// token.</summary>
public sealed record CreatedUser(UserSummary User, string InitialPassword, string InvitationToken);

/// <summary>Creating users, changing roles, deactivating and resetting passwords: the same rules for pages, API and
/// command line.</summary>
public sealed class UserAdministration(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.IsActive,
                u.OrganisationId,
                Organisation = u.Organisation!.Name,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(r => new UserSummary(r.Id, r.Email ?? "", r.DisplayName, r.Roles, r.IsActive,
            r.OrganisationId, r.Organisation, r.LockoutEnd > now)).ToList();
    }

    public async Task<UserSummary?> FindAsync(string idOrEmail, CancellationToken ct = default)
    {
        var all = await ListAsync(ct);
        return all.FirstOrDefault(u => u.Id == idOrEmail || string.Equals(u.Email, idOrEmail,
            StringComparison.OrdinalIgnoreCase));
    }

    public async Task<Outcome<CreatedUser>> CreateAsync(NewUser request, CancellationToken ct = default)
    {
        var errors = Validation.Errors(request);
        if (errors.Count > 0)
        {
            return Outcome<CreatedUser>.Invalid(errors);
        }
        var roleError = await CheckRoleAndOrganisationAsync(request.Role, request.OrganisationId, ct);
        if (roleError is not null)
        {
            return Outcome<CreatedUser>.Invalid(roleError.Value.Field, roleError.Value.Message);
        }
        if (await users.FindByEmailAsync(request.Email) is not null)
        {
            return Outcome<CreatedUser>.Invalid(nameof(NewUser.Email), "A user with this email already exists.");
        }

        var password = DemoSeeder.GeneratePassword();
        var user = new AppUser
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName.Trim(),
            OrganisationId = request.Role == Roles.External ? request.OrganisationId : null,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<CreatedUser>.Invalid(ToErrors(created));
        }
        await users.AddToRoleAsync(user, request.Role);
        var invitation = await users.GeneratePasswordResetTokenAsync(user);
        audit.Add("user.created", "user", user.Id, $"{user.Email} as {request.Role}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<CreatedUser>.Ok(new CreatedUser((await FindAsync(user.Id, ct))!, password, invitation));
    }

    public async Task<Outcome<UserSummary>> SetRoleAsync(string id, string role, int? organisationId,
        CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id) ?? await users.FindByEmailAsync(id);
        if (user is null)
        {
            return Outcome<UserSummary>.NotFound();
        }
        var roleError = await CheckRoleAndOrganisationAsync(role, organisationId ?? user.OrganisationId, ct);
        if (roleError is not null)
        {
            return Outcome<UserSummary>.Invalid(roleError.Value.Field, roleError.Value.Message);
        }
        var current = await users.GetRolesAsync(user);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        user.OrganisationId = role == Roles.External ? organisationId ?? user.OrganisationId : null;
        await users.UpdateSecurityStampAsync(user);
        audit.Add("user.role.changed", "user", user.Id, $"{user.Email}: {string.Join(",", current)} -> {role}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<UserSummary>.Ok((await FindAsync(user.Id, ct))!);
    }

    public async Task<Outcome<UserSummary>> SetActiveAsync(string id, bool active, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id) ?? await users.FindByEmailAsync(id);
        if (user is null)
        {
            return Outcome<UserSummary>.NotFound();
        }
        user.IsActive = active;
        // A new security stamp ends the user's existing sessions on every instance.
        await users.UpdateSecurityStampAsync(user);
        audit.Add(active ? "user.reactivated" : "user.deactivated", "user", user.Id, user.Email ?? "");
        await db.SaveChangesAsync(ct);
        return Outcome<UserSummary>.Ok((await FindAsync(user.Id, ct))!);
    }

    public async Task<Outcome<string>> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id) ?? await users.FindByEmailAsync(id);
        if (user is null)
        {
            return Outcome<string>.NotFound();
        }
        var password = DemoSeeder.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return Outcome<string>.Invalid(ToErrors(result));
        }
        await users.SetLockoutEndDateAsync(user, null);
        audit.Add("user.password.reset", "user", user.Id, user.Email ?? "");
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Ok(password);
    }

    private async Task<(string Field, string Message)?> CheckRoleAndOrganisationAsync(string role, int? organisationId,
        CancellationToken ct)
    {
        if (!Roles.IsKnown(role))
        {
            return ("Role", $"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }
        if (role == Roles.External)
        {
            if (organisationId is null)
            {
                return ("OrganisationId", "External users must belong to a reseller or customer organisation.");
            }
            if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            {
                return ("OrganisationId", "Unknown organisation.");
            }
        }
        return null;
    }

    private static Dictionary<string, string[]> ToErrors(IdentityResult result) =>
        new() { ["Password"] = result.Errors.Select(e => e.Description).ToArray() };
}
