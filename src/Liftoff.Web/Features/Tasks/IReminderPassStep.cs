namespace Liftoff.Web.Features.Tasks;

/// <summary>
/// Work that runs on every reminder pass, after the task reminders are queued (the daily digest of the
/// home page, for one). Areas register theirs; the reminder job runs each in a fresh scope.
/// </summary>
public interface IReminderPassStep
{
    Task RunAsync(CancellationToken ct);
}
