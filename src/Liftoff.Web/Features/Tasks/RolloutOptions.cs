using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.Tasks;

/// <summary>
/// Reminder settings of the rollout ("Rollout" section). The working days and holidays of the same
/// section are the workspace calendar's defaults, read by the Workspace area.
/// </summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollout";

    /// <summary>Owners are reminded this many days before a task is due (0 turns the early reminder off).</summary>
    [Range(0, 60)]
    public int ReminderDaysBefore { get; set; } = 2;

    public bool RemindersEnabled { get; set; } = true;

    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The "Waiting for you" email goes out on the first reminder pass at or after this hour (UTC).</summary>
    [Range(0, 23)]
    public int DigestHourUtc { get; set; } = 6;
}
