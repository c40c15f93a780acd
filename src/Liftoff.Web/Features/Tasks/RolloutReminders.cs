using Liftoff.Data;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Jobs;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Tasks;

/// <summary>
/// Queues reminder emails to task owners N days before a task is due and once it is overdue.
/// Safe with several instances and restarts: every reminder has a deduplication key (task, kind,
/// due date, person) that the outbox keeps unique, so a reminder is never queued twice; moving a
/// task gives it a new due date and so a fresh reminder.
/// </summary>
public sealed class RolloutReminders(IServiceScopeFactory scopes, IOptions<RolloutOptions> options, TimeProvider clock,
    ILogger<RolloutReminders> logger) : PollingJob(clock, logger)
{
    protected override string JobName => "Reminder";

    protected override bool Enabled => options.Value.RemindersEnabled;

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await RunOnceAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        foreach (var step in scope.ServiceProvider.GetServices<IReminderPassStep>())
        {
            await step.RunAsync(ct);
        }
        return false;
    }

    /// <summary>Queues every reminder due today; returns how many new ones were queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<TaskQueries>();
        var people = scope.ServiceProvider.GetRequiredService<RolloutPeople>();
        var today = queries.Today;
        var daysBefore = options.Value.ReminderDaysBefore;
        var tasks = await queries.OpenTasksDueByAsync(today.AddDays(daysBefore), ct);
        var queued = 0;
        foreach (var (task, title) in tasks)
        {
            var overdue = task.DueDate < today;
            if (!overdue && daysBefore == 0)
            {
                continue;
            }
            var kind = overdue ? "overdue" : "due-soon";
            foreach (var person in await people.RecipientsAsync(task.Owners, task.AssigneeUserId, ct))
            {
                queued += await QueueAsync(scope.ServiceProvider, task, title, person, kind, today, ct) ? 1 : 0;
            }
        }
        return queued;
    }

    private static async Task<bool> QueueAsync(IServiceProvider sp, TaskView task, string title, Person person,
        string kind, DateOnly today, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var outbox = sp.GetRequiredService<Outbox>();
        var key = $"rollout-reminder:{kind}:{task.Id}:{task.DueDate:yyyy-MM-dd}:{person.UserId}";
        var subject = kind == "overdue"
            ? $"Overdue: {task.Name} ({title})"
            : $"Due {task.DueDate:yyyy-MM-dd}: {task.Name} ({title})";
        var when = kind == "overdue"
            ? $"was due on {task.DueDate:yyyy-MM-dd} ({today.DayNumber - task.DueDate.DayNumber} days ago) " +
                $"and is still {RolloutMapping.StatusLabel(task.Status)}"
            : $"is due on {task.DueDate:yyyy-MM-dd}";
        var link = sp.GetRequiredService<PublicLinks>().To($"/Tasks/{task.Id}");
        var body = $"Hello {person.Name},\n\nThe rollout task \"{task.Name}\" of {title} {when}.\n\n"
            + $"{task.Description}\n\nTask: {link}\n";
        if (!await outbox.EnqueueAsync(new OutgoingEmail(person.Email, person.Name, subject, body),
                $"rollout.reminder.{kind}", key, ct))
        {
            return false;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same reminder a moment earlier: the unique key kept it single.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
