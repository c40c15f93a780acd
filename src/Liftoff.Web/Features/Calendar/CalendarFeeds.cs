using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using IcalCalendar = Ical.Net.Calendar;

namespace Liftoff.Web.Features.Calendar;

public sealed record FeedView(int Id, CalendarFeedScope Scope, string Target, string Label, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A feed just created: the token is shown this once and never stored.</summary>
public sealed record CreatedFeed(FeedView Feed, string Token, string Path);

public sealed record FeedInput(string? Scope, string? Target);

/// <summary>A release a feed can follow.</summary>
public sealed record FeedRelease(int Id, string Title);

/// <summary>
/// ICS feeds of rollout tasks per user, team or release. Calendar clients cannot sign in, so each
/// feed lives at a secret address; only the token's SHA-256 is stored, and the owner can revoke it.
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, AuditLog audit, TaskQueries queries, RolloutPeople people,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<FeedView>> ListAsync(string ownerUserId, CancellationToken ct = default)
    {
        var feeds = await db.CalendarFeedTokens.AsNoTracking().Where(f => f.OwnerUserId == ownerUserId)
            .OrderByDescending(f => f.Id).ToListAsync(ct);
        var views = new List<FeedView>();
        foreach (var f in feeds)
        {
            views.Add(new FeedView(f.Id, f.Scope, f.Target, await LabelAsync(f.Scope, f.Target, ct), f.CreatedAt,
                f.RevokedAt));
        }
        return views;
    }

    /// <summary>Planned and in-progress releases a feed can follow, by date (at most 500).</summary>
    public async Task<IReadOnlyList<FeedRelease>> ReleasesAsync(CancellationToken ct = default) =>
        (await db.Releases.AsNoTracking()
            .Where(r => r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InProgress)
            .OrderBy(r => r.PlannedDate).ThenBy(r => r.Id).Take(500)
            .Select(r => new { r.Id, r.Product, r.Version, r.Name })
            .ToListAsync(ct))
        .Select(r => new FeedRelease(r.Id, ReleaseNames.Display(r.Product, r.Version, r.Name)))
        .ToList();

    public async Task<Outcome<CreatedFeed>> CreateAsync(string ownerUserId, FeedInput input,
        CancellationToken ct = default)
    {
        if (!Enum.TryParse<CalendarFeedScope>(input.Scope?.Trim(), true, out var scope) || !Enum.IsDefined(scope) ||
            int.TryParse(input.Scope, out _))
        {
            return Outcome<CreatedFeed>.Invalid("Scope", "The feed must be for 'user', 'team' or 'release'.");
        }
        var target = scope == CalendarFeedScope.User ? ownerUserId : input.Target?.Trim() ?? "";
        if (scope == CalendarFeedScope.Team && !(await people.TeamsAsync(ct)).ContainsKey(target))
        {
            return Outcome<CreatedFeed>.Invalid("Target", "Choose an existing team.");
        }
        if (scope == CalendarFeedScope.Release &&
            !(int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var rid) &&
                await db.Releases.AnyAsync(r => r.Id == rid, ct)))
        {
            return Outcome<CreatedFeed>.Invalid("Target", "Choose an existing release.");
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var entity = new CalendarFeedToken
        {
            TokenHash = Hash(token),
            Scope = scope,
            Target = target,
            OwnerUserId = ownerUserId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.CalendarFeedTokens.Add(entity);
        audit.Add("calendar.feed.created", "calendar-feed", null, $"{scope} {target}");
        await db.SaveChangesAsync(ct);
        var view = new FeedView(entity.Id, scope, target, await LabelAsync(scope, target, ct), entity.CreatedAt, null);
        return Outcome<CreatedFeed>.Ok(new CreatedFeed(view, token, $"/calendar/{token}.ics"));
    }

    public async Task<Outcome<FeedView>> RevokeAsync(string ownerUserId, int id, CancellationToken ct = default)
    {
        var feed = await db.CalendarFeedTokens.FirstOrDefaultAsync(f => f.Id == id && f.OwnerUserId == ownerUserId, ct);
        if (feed is null)
        {
            return Outcome<FeedView>.NotFound();
        }
        feed.RevokedAt ??= clock.GetUtcNow();
        audit.Add("calendar.feed.revoked", "calendar-feed", id.ToString(CultureInfo.InvariantCulture),
            $"{feed.Scope} {feed.Target}");
        await db.SaveChangesAsync(ct);
        return Outcome<FeedView>.Ok(new FeedView(feed.Id, feed.Scope, feed.Target,
            await LabelAsync(feed.Scope, feed.Target, ct), feed.CreatedAt, feed.RevokedAt));
    }

    /// <summary>
    /// The feed's ICS text, or null for an unknown or revoked token (the caller answers 404, nothing more).
    /// </summary>
    public async Task<string?> RenderAsync(string token, CancellationToken ct = default)
    {
        if (token.Length is < 16 or > 128)
        {
            return null;
        }
        var hash = Hash(token);
        var feed = await db.CalendarFeedTokens.AsNoTracking()
            .FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct);
        if (feed is null || !await db.Users.AnyAsync(u => u.Id == feed.OwnerUserId && u.IsActive, ct))
        {
            return null;
        }
        var tasks = await TasksAsync(feed, ct);
        var calendar = new IcalCalendar();
        calendar.AddProperty("X-WR-CALNAME", $"Liftoff: {await LabelAsync(feed.Scope, feed.Target, ct)}");
        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (task, title) in tasks)
        {
            var start = task.Start;
            var end = task.End.AddDays(1);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"liftoff-task-{task.Id}@liftoff",
                Summary = $"{title}: {task.Name}",
                Description = $"{task.Description}\nOwners: {task.OwnersText}\n" +
                    $"Status: {RolloutMapping.StatusLabel(task.Status)}\nDue: {task.DueDate:yyyy-MM-dd}",
                DtStart = new CalDateTime(start.Year, start.Month, start.Day),
                DtEnd = new CalDateTime(end.Year, end.Month, end.Day),
                DtStamp = stamp,
                Sequence = task.RowVersion,
                Status = task.Status == RolloutTaskStatus.Skipped ? "CANCELLED" : "CONFIRMED",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    private async Task<IReadOnlyList<(TaskView Task, string Title)>> TasksAsync(CalendarFeedToken feed,
        CancellationToken ct)
    {
        var active = db.RolloutTasks.Where(t =>
            t.Release!.Status == ReleaseStatus.Planned || t.Release.Status == ReleaseStatus.InProgress);
        switch (feed.Scope)
        {
            case CalendarFeedScope.Release:
                var id = int.Parse(feed.Target, CultureInfo.InvariantCulture);
                return await queries.WithTitlesAsync(
                    await queries.TasksAsync(db.RolloutTasks.Where(t => t.ReleaseId == id), ct), ct);
            case CalendarFeedScope.Team:
                return await queries.TeamTasksAsync(feed.Target, ct);
            default:
                var tasks = await queries.TasksAsync(active.Where(t =>
                    t.Status == RolloutTaskStatus.Todo || t.Status == RolloutTaskStatus.InProgress), ct);
                var mine = new List<TaskView>();
                foreach (var t in tasks)
                {
                    if (t.AssigneeUserId == feed.Target || (t.AssigneeUserId is null &&
                        (await people.OwnerIdsAsync(t.Owners, ct)).Contains(feed.Target)))
                    {
                        mine.Add(t);
                    }
                }
                return await queries.WithTitlesAsync(mine, ct);
        }
    }

    private async Task<string> LabelAsync(CalendarFeedScope scope, string target, CancellationToken ct)
    {
        switch (scope)
        {
            case CalendarFeedScope.Team:
                return $"team {(await people.TeamNamesAsync(ct)).GetValueOrDefault(target, target)}";
            case CalendarFeedScope.Release:
                var id = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var rid) ? rid : 0;
                var r = await db.Releases.AsNoTracking().Where(x => x.Id == id)
                    .Select(x => new { x.Name, x.Product, x.Version }).FirstOrDefaultAsync(ct);
                return r is null
                    ? "release (removed)"
                    : $"release {(Liftoff.Domain.Rollout.ReleaseNames.Display(r.Product, r.Version, r.Name))}";
            default:
                return "my tasks";
        }
    }

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
