using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Workspace;

public sealed record HolidayView(DateOnly Date, string Name);

/// <summary>
/// The working calendar as stored; <see cref="Stored"/> is false while the configuration defaults apply.
/// </summary>
public sealed record WorkspaceCalendarView(IReadOnlyList<DayOfWeek> WorkingDays, IReadOnlyList<HolidayView> Holidays,
    bool Stored, int RowVersion);

/// <summary>Holidays as text so a bad date gets a message naming its row.</summary>
public sealed record HolidayInput(string? Date, string? Name);

public sealed record WorkspaceCalendarInput(IReadOnlyList<string>? WorkingDays, IReadOnlyList<HolidayInput>? Holidays,
    int? RowVersion);

/// <summary>Open tasks of running releases whose due date the current calendar would change.</summary>
public sealed record RedatePreview(int Releases, int Tasks);

/// <summary>
/// The workspace's working days and holidays, read from the database on every use (so every
/// instance schedules alike) with the "Rollout" configuration as the default until an Admin saves.
/// Saving never re-dates tasks; <see cref="RedateOpenTasksAsync"/> does on request.
/// </summary>
public sealed class WorkspaceCalendarStore(AppDbContext db, AuditLog audit, RolloutPeople people,
    IOptions<WorkingCalendarOptions> options, TimeProvider clock)
{
    public const int MaxHolidays = 500;

    private const string Changed =
        "Someone else changed the working calendar meanwhile. Reload and apply your change again.";

    public async Task<WorkspaceCalendarView> GetAsync(CancellationToken ct = default)
    {
        var row = await db.WorkspaceCalendars.AsNoTracking().Include(c => c.Holidays)
            .FirstOrDefaultAsync(c => c.Id == WorkspaceCalendarEntity.SingletonId, ct);
        if (row is null)
        {
            var defaults = options.Value.Calendar();
            return new(defaults.WorkingDays.Order().ToList(),
                defaults.Holidays.Order().Select(d => new HolidayView(d, "")).ToList(), false, 0);
        }
        return new(ParseDays(row.WorkingDays),
            row.Holidays.OrderBy(h => h.Date).Select(h => new HolidayView(h.Date, h.Name)).ToList(), true,
            row.RowVersion);
    }

    /// <summary>The calendar scheduling uses now.</summary>
    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct = default)
    {
        var view = await GetAsync(ct);
        if (!view.Stored)
        {
            return options.Value.Calendar();
        }
        var calendar = WorkingCalendar.Create(view.WorkingDays, view.Holidays.Select(h => h.Date));
        return calendar.IsOk ? calendar.Value : options.Value.Calendar();
    }

    public async Task<Outcome<WorkspaceCalendarView>> SaveAsync(WorkspaceCalendarInput input,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var days = new List<DayOfWeek>();
        foreach (var text in input.WorkingDays ?? [])
        {
            if (Enum.TryParse<DayOfWeek>(text?.Trim(), true, out var day) && Enum.IsDefined(day) &&
                !int.TryParse(text, out _))
            {
                days.Add(day);
            }
            else
            {
                errors["WorkingDays"] = [$"'{text}' is not a day of the week."];
            }
        }
        if (days.Count == 0 && !errors.ContainsKey("WorkingDays"))
        {
            errors["WorkingDays"] = ["At least one weekday must be a working day."];
        }
        var holidays = new List<HolidayView>();
        var rows = (input.Holidays ?? [])
            .Where(h => !string.IsNullOrWhiteSpace(h.Date) || !string.IsNullOrWhiteSpace(h.Name)).ToList();
        if (rows.Count > MaxHolidays)
        {
            errors["Holidays"] = [$"At most {MaxHolidays} holidays can be kept."];
        }
        for (var i = 0; i < rows.Count && rows.Count <= MaxHolidays; i++)
        {
            var field = $"Holidays[{i}]";
            var name = rows[i].Name?.Trim() ?? "";
            if (!DateOnly.TryParseExact(rows[i].Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date))
            {
                errors[$"{field}.Date"] = [$"Holiday {i + 1}: '{rows[i].Date}' is not a date (yyyy-mm-dd)."];
                continue;
            }
            if (name.Length > 200)
            {
                errors[$"{field}.Name"] = [$"Holiday {i + 1}: the name is longer than 200 characters."];
                continue;
            }
            if (holidays.Any(h => h.Date == date))
            {
                errors[$"{field}.Date"] = [$"Holiday {i + 1}: {date:yyyy-MM-dd} is listed twice."];
                continue;
            }
            holidays.Add(new(date, name));
        }
        if (errors.Count > 0)
        {
            return Outcome<WorkspaceCalendarView>.Invalid(errors);
        }

        var row = await db.WorkspaceCalendars.Include(c => c.Holidays)
            .FirstOrDefaultAsync(c => c.Id == WorkspaceCalendarEntity.SingletonId, ct);
        if (row is not null && input.RowVersion is { } v && v != row.RowVersion)
        {
            return Outcome<WorkspaceCalendarView>.Conflict(Changed);
        }
        if (row is null)
        {
            row = new WorkspaceCalendarEntity();
            db.WorkspaceCalendars.Add(row);
        }
        else
        {
            // Touch the row so two concurrent saves collide instead of merging holiday lists.
            db.Entry(row).Property(r => r.RowVersion).IsModified = true;
        }
        row.WorkingDays = string.Join(",", days.Distinct().Order());
        row.UpdatedAt = clock.GetUtcNow();
        db.RemoveRange(row.Holidays.Where(h => holidays.All(n => n.Date != h.Date)));
        foreach (var h in holidays)
        {
            if (row.Holidays.FirstOrDefault(x => x.Date == h.Date) is { } existing)
            {
                existing.Name = h.Name;
            }
            else
            {
                row.Holidays.Add(new WorkspaceHoliday { Date = h.Date, Name = h.Name });
            }
        }
        audit.Add("workspace.calendar-updated", "workspace-calendar", "1",
            $"working days {row.WorkingDays}; {holidays.Count} holidays; open tasks not re-dated until asked");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent first save inserted the row, or a concurrent save changed it.
            db.ChangeTracker.Clear();
            return Outcome<WorkspaceCalendarView>.Conflict(Changed);
        }
        return Outcome<WorkspaceCalendarView>.Ok(await GetAsync(ct));
    }

    /// <summary>How many open tasks of running releases the current calendar would re-date.</summary>
    public async Task<RedatePreview> PreviewAsync(CancellationToken ct = default)
    {
        var calendar = await CalendarAsync(ct);
        var releases = await RunningReleasesAsync(tracked: false, ct);
        var changed = releases.Select(r => Update(r, calendar)).Where(u => u is { Changes.Count: > 0 }).ToList();
        return new(changed.Count, changed.Sum(u => u!.Changes.Count));
    }

    /// <summary>
    /// Re-dates open tasks of planned and in-progress releases to the current calendar; audited, owners told.
    /// </summary>
    public async Task<Outcome<RedatePreview>> RedateOpenTasksAsync(CancellationToken ct = default)
    {
        var calendar = await CalendarAsync(ct);
        var version = (await db.WorkspaceCalendars.AsNoTracking()
            .Where(c => c.Id == WorkspaceCalendarEntity.SingletonId)
            .Select(c => (int?)c.RowVersion).FirstOrDefaultAsync(ct)) ?? 0;
        var releases = await RunningReleasesAsync(tracked: true, ct);
        var releaseCount = 0;
        var taskCount = 0;
        foreach (var release in releases)
        {
            var update = Update(release, calendar);
            if (update is not { Changes.Count: > 0 })
            {
                continue;
            }
            var tasks = release.Tasks.OrderBy(t => t.Id).ToList();
            for (var i = 0; i < tasks.Count; i++)
            {
                RolloutMapping.CopyTo(update.Tasks[i], tasks[i]);
            }
            db.Entry(release).Property(r => r.RowVersion).IsModified = true;
            var title = Liftoff.Domain.Rollout.ReleaseNames.Display(release.Product, release.Version, release.Name);
            audit.Add("release.recalendared", "release", release.Id.ToString(CultureInfo.InvariantCulture),
                $"{release.Product} {release.Version}: {update.Changes.Count} open tasks re-dated to the workspace " +
                $"calendar ({string.Join(", ", update.Changes.Select(c =>
                    $"{c.StepKey} {c.OldDueDate:yyyy-MM-dd}→{c.NewDueDate:yyyy-MM-dd}"))})");
            await people.NotifyChangesAsync(release.Id, title,
                update.Changes.Select(c => (c, tasks.First(t => t.StepKey == c.StepKey).AssigneeUserId)).ToList(),
                $"calendar-v{version}-r{release.RowVersion + 1}", ct);
            releaseCount++;
            taskCount += update.Changes.Count;
        }
        audit.Add("workspace.calendar-applied", "workspace-calendar", "1",
            $"{taskCount} open tasks of {releaseCount} running releases re-dated");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<RedatePreview>.Conflict(
                "A release changed while its tasks were being re-dated; nothing was changed. Try again.");
        }
        return Outcome<RedatePreview>.Ok(new(releaseCount, taskCount));
    }

    private async Task<List<ReleaseEntity>> RunningReleasesAsync(bool tracked, CancellationToken ct)
    {
        var query = db.Releases.Include(r => r.Tasks)
            .Where(r => r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InProgress);
        return await (tracked ? query : query.AsNoTracking()).OrderBy(r => r.Id).ToListAsync(ct);
    }

    private static ScheduleUpdate? Update(ReleaseEntity release, WorkingCalendar calendar)
    {
        var result = RolloutScheduler.ApplyCalendar(RolloutMapping.ToDomain(release),
            release.Tasks.OrderBy(t => t.Id).Select(RolloutMapping.ToDomain).ToList(), calendar);
        return result.IsOk ? result.Value : null;
    }

    private static List<DayOfWeek> ParseDays(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Enum.TryParse<DayOfWeek>(d, out var day) ? day : (DayOfWeek?)null)
            .OfType<DayOfWeek>().Order().ToList();
}
