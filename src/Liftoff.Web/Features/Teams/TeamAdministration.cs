using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Teams;

public sealed record TeamInput(
    [property: Required, StringLength(120, MinimumLength = 1)] string Name,
    [property: StringLength(2000)] string? Responsibilities,
    [property: StringLength(60)] string? Key = null,
    int? Version = null);

public sealed record TeamMemberView(string UserId, string DisplayName, string Email);

public sealed record LeadChangeView(DateTimeOffset ChangedAt, string? PreviousLead, string? NewLead, string? ChangedBy);

public sealed record TeamView(int Id, string Key, string Name, string Responsibilities, string? LeadUserId,
    string? LeadName,
    IReadOnlyList<TeamMemberView> Members, IReadOnlyList<LeadChangeView> LeadHistory, int Version);

/// <summary>Teams, their members, responsibilities and current lead (every lead change is kept).</summary>
public sealed partial class TeamAdministration(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamView>> ListAsync(CancellationToken ct = default)
    {
        var ids = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(ct);
        var result = new List<TeamView>();
        foreach (var id in ids)
        {
            result.Add((await GetAsync(id, ct))!);
        }
        return result;
    }

    public async Task<TeamView?> GetAsync(int id, CancellationToken ct = default)
    {
        var team = await db.Teams.AsNoTracking().Include(t => t.Lead).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return null;
        }
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == id)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new TeamMemberView(m.UserId, m.User!.DisplayName, m.User.Email ?? ""))
            .ToListAsync(ct);
        var changes = await db.TeamLeadChanges.AsNoTracking().Where(c => c.TeamId == id).ToListAsync(ct);
        var ids = changes.SelectMany(c => new[] { c.PreviousLeadUserId, c.NewLeadUserId, c.ChangedByUserId })
            .OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var history = changes.OrderByDescending(c => c.ChangedAt)
            .Select(c => new LeadChangeView(c.ChangedAt, Name(names, c.PreviousLeadUserId),
                Name(names, c.NewLeadUserId), Name(names, c.ChangedByUserId)))
            .ToList();
        return new TeamView(team.Id, team.Key, team.Name, team.Responsibilities, team.LeadUserId,
            team.Lead?.DisplayName, members, history, team.RowVersion);
    }

    public async Task<Outcome<TeamView>> CreateAsync(TeamInput input, CancellationToken ct = default)
    {
        var errors = Validation.Errors(input);
        if (errors.Count > 0)
        {
            return Outcome<TeamView>.Invalid(errors);
        }
        var name = input.Name.Trim();
        var key = string.IsNullOrWhiteSpace(input.Key) ? Slug(name) : input.Key.Trim();
        if (!KeyPattern().IsMatch(key))
        {
            errors["Key"] = ["The key may contain lower-case letters, digits and hyphens only."];
        }
        if (errors.Count > 0)
        {
            return Outcome<TeamView>.Invalid(errors);
        }
        if (await db.Teams.AnyAsync(t => t.Name == name || t.Key == key, ct))
        {
            return Outcome<TeamView>.Invalid("Name", "A team with this name or key already exists.");
        }
        var team = new Team { Key = key, Name = name, Responsibilities = input.Responsibilities?.Trim() ?? "" };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync("team.created", "team", team.Id.ToString(), team.Name, ct: ct);
        return Outcome<TeamView>.Ok((await GetAsync(team.Id, ct))!);
    }

    public async Task<Outcome<TeamView>> UpdateAsync(int id, TeamInput input, CancellationToken ct = default)
    {
        var errors = Validation.Errors(input);
        if (errors.Count > 0)
        {
            return Outcome<TeamView>.Invalid(errors);
        }
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Outcome<TeamView>.NotFound();
        }
        if (input.Version is { } version && version != team.RowVersion)
        {
            return Outcome<TeamView>.Conflict(
                "Someone else changed this team meanwhile. Reload to see the current state.");
        }
        if (await db.Teams.AnyAsync(t => t.Id != id && t.Name == input.Name.Trim(), ct))
        {
            return Outcome<TeamView>.Invalid("Name", "A team with this name already exists.");
        }
        team.Name = input.Name.Trim();
        team.Responsibilities = input.Responsibilities?.Trim() ?? "";
        audit.Add("team.updated", "team", team.Id.ToString(), team.Name);
        return await SaveAsync(team.Id, ct);
    }

    public async Task<Outcome<TeamView>> SetLeadAsync(int id, string? leadUserId, string? changedByUserId,
        CancellationToken ct = default)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Outcome<TeamView>.NotFound();
        }
        leadUserId = string.IsNullOrWhiteSpace(leadUserId) ? null : leadUserId;
        if (leadUserId is not null && !await IsInternalActiveUserAsync(leadUserId, ct))
        {
            return Outcome<TeamView>.Invalid("LeadUserId", "The lead must be an active internal user.");
        }
        if (team.LeadUserId == leadUserId)
        {
            return Outcome<TeamView>.Ok((await GetAsync(id, ct))!);
        }
        db.TeamLeadChanges.Add(new TeamLeadChange
        {
            TeamId = id,
            PreviousLeadUserId = team.LeadUserId,
            NewLeadUserId = leadUserId,
            ChangedByUserId = changedByUserId,
            ChangedAt = clock.GetUtcNow()
        });
        audit.Add("team.lead.changed", "team", id.ToString(),
            $"{team.Name}: {team.LeadUserId ?? "none"} -> {leadUserId ?? "none"}");
        team.LeadUserId = leadUserId;
        if (leadUserId is not null && !await db.TeamMembers.AnyAsync(m => m.TeamId == id && m.UserId == leadUserId, ct))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = id, UserId = leadUserId, AddedAt = clock.GetUtcNow() });
        }
        return await SaveAsync(id, ct);
    }

    public async Task<Outcome<TeamView>> AddMemberAsync(int id, string userId, CancellationToken ct = default)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == id, ct))
        {
            return Outcome<TeamView>.NotFound();
        }
        if (!await IsInternalActiveUserAsync(userId, ct))
        {
            return Outcome<TeamView>.Invalid("UserId", "Members must be active internal users.");
        }
        if (!await db.TeamMembers.AnyAsync(m => m.TeamId == id && m.UserId == userId, ct))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = id, UserId = userId, AddedAt = clock.GetUtcNow() });
            audit.Add("team.member.added", "team", id.ToString(), userId);
        }
        return await SaveAsync(id, ct);
    }

    public async Task<Outcome<TeamView>> RemoveMemberAsync(int id, string userId, CancellationToken ct = default)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct);
        var member = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == id && m.UserId == userId, ct);
        if (team is null || member is null)
        {
            return Outcome<TeamView>.NotFound();
        }
        if (team.LeadUserId == userId)
        {
            return Outcome<TeamView>.Invalid("UserId",
                "The current lead cannot be removed; choose another lead first.");
        }
        db.TeamMembers.Remove(member);
        audit.Add("team.member.removed", "team", id.ToString(), userId);
        return await SaveAsync(id, ct);
    }

    private async Task<Outcome<TeamView>> SaveAsync(int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TeamView>.Conflict(
                "Someone else changed this team meanwhile. Reload to see the current state.");
        }
        return Outcome<TeamView>.Ok((await GetAsync(id, ct))!);
    }

    private Task<bool> IsInternalActiveUserAsync(string userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsActive &&
            !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId
                && r.Name == Roles.External)), ct);

    private static string? Name(Dictionary<string, string> names, string? id) => id is null ? null
        : names.GetValueOrDefault(id, "(removed user)");

    private static string Slug(string name) => SlugPattern().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex KeyPattern();
}
