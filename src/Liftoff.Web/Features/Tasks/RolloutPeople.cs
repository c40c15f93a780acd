using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Tasks;

public sealed record Person(string UserId, string Name, string Email);

public sealed record TeamPeople(string Key, string Name, string? LeadUserId, IReadOnlyList<string> MemberIds);

/// <summary>
/// Resolves task owners ("team:delivery", "lead:customer-success") to people, and tells them
/// about changes through the outbox. Leads are looked up now, because leads change.
/// </summary>
public sealed class RolloutPeople(AppDbContext db, Outbox outbox)
{
    private Dictionary<string, TeamPeople>? _teams;
    private Dictionary<string, Person>? _people;

    public async Task<IReadOnlyDictionary<string, TeamPeople>> TeamsAsync(CancellationToken ct = default)
    {
        if (_teams is null)
        {
            var teams = await db.Teams.AsNoTracking()
                .Select(t => new { t.Key, t.Name, t.LeadUserId, Members = t.Members.Select(m => m.UserId).ToList() })
                .ToListAsync(ct);
            _teams = teams.ToDictionary(t => t.Key, t => new TeamPeople(t.Key, t.Name, t.LeadUserId, t.Members),
                StringComparer.Ordinal);
        }
        return _teams;
    }

    /// <summary>
    /// Team names by key; reads only the names unless the teams with their members are loaded anyway.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> TeamNamesAsync(CancellationToken ct = default) =>
        _teams is not null
            ? _teams.ToDictionary(t => t.Key, t => t.Value.Name, StringComparer.Ordinal)
            : await db.Teams.AsNoTracking().Select(t => new { t.Key, t.Name })
                .ToDictionaryAsync(t => t.Key, t => t.Name, StringComparer.Ordinal, ct);

    /// <summary>The user ids a task's owners stand for right now.</summary>
    public async Task<IReadOnlyList<string>> OwnerIdsAsync(string owners, CancellationToken ct = default)
    {
        var teams = await TeamsAsync(ct);
        var ids = new List<string>();
        foreach (var owner in RolloutMapping.ParseOwners(owners))
        {
            if (!teams.TryGetValue(owner.TeamKey, out var team))
            {
                continue;
            }
            if (owner.Role == OwnerRole.TeamLead)
            {
                if (team.LeadUserId is not null)
                {
                    ids.Add(team.LeadUserId);
                }
            }
            else
            {
                ids.AddRange(team.MemberIds);
            }
        }
        return ids.Distinct().ToList();
    }

    /// <summary>Whom to tell about a task: its assignee when it has one, otherwise its owners.</summary>
    public async Task<IReadOnlyList<Person>> RecipientsAsync(string owners, string? assigneeUserId,
        CancellationToken ct = default)
    {
        var ids = assigneeUserId is not null ? [assigneeUserId] : await OwnerIdsAsync(owners, ct);
        var people = await PeopleAsync(ct);
        return ids.Select(id => people.GetValueOrDefault(id)).OfType<Person>().ToList();
    }

    /// <summary>Queues one email per owner about changes to a release's plan; deduplicated per change.</summary>
    public async Task NotifyChangesAsync(int releaseId, string releaseTitle,
        IReadOnlyList<(TaskChange Change, string? AssigneeUserId)> changes, string changeId,
        CancellationToken ct = default)
    {
        var byPerson = new Dictionary<string, (Person Person, List<TaskChange> Changes)>();
        foreach (var (change, assignee) in changes)
        {
            foreach (var person in await RecipientsAsync(RolloutMapping.FormatOwners(change.Owners), assignee, ct))
            {
                if (!byPerson.TryGetValue(person.UserId, out var entry))
                {
                    entry = (person, []);
                    byPerson[person.UserId] = entry;
                }
                entry.Changes.Add(change);
            }
        }
        foreach (var (person, list) in byPerson.Values)
        {
            var lines = list.Select(c => c.Kind switch
            {
                TaskChangeKind.Redated =>
                    $"- {c.TaskName}: due {c.OldDueDate:yyyy-MM-dd} → {c.NewDueDate:yyyy-MM-dd}",
                TaskChangeKind.Skipped => $"- {c.TaskName}: {c.Reason}",
                _ => $"- {c.TaskName}: {c.Reason} Due {c.NewDueDate:yyyy-MM-dd}.",
            });
            var body = $"Hello {person.Name},\n\nThe rollout plan of {releaseTitle} changed:\n{list[0].Reason}\n\n" +
                $"{string.Join("\n", lines)}\n\nRelease plan: /Releases/{releaseId}\n";
            await outbox.EnqueueAsync(
                new OutgoingEmail(person.Email, person.Name, $"Rollout plan changed: {releaseTitle}", body),
                "rollout.plan-changed", $"rollout-change:{releaseId}:{changeId}:{person.UserId}", ct);
        }
    }

    private async Task<Dictionary<string, Person>> PeopleAsync(CancellationToken ct)
    {
        _people ??= await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email!))
            .ToDictionaryAsync(p => p.UserId, ct);
        return _people;
    }
}
