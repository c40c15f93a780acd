using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.Support;

/// <summary>Workspace settings for ticket volume, surge forecasts and staffing ("Support" section).</summary>
public sealed class SupportOptions : IValidatableObject
{
    public const string Section = "Support";

    /// <summary>IANA or Windows id of the zone whose calendar days tickets are counted in.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Uplift on release day before any history exists (0.4 = 40 % above baseline), fading to zero over the
    /// window.</summary>
    [Range(-1.0, 10.0)]
    public double DefaultUplift { get; set; } = 0.40;

    /// <summary>How many tickets one agent handles in an hour; turns extra tickets into extra hours.</summary>
    [Range(0.1, 1000.0)]
    public double TicketsPerAgentHour { get; set; } = 4;

    /// <summary>Surge window when the release has no support-surge task to take it from.</summary>
    [Range(1, 90)]
    public int WindowDays { get; set; } = 14;

    /// <summary>How often the background check looks for releases whose volume left the band.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AlertCheckInterval { get; set; } = TimeSpan.FromMinutes(30);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"Support:TimeZone '{TimeZone}' is not a known time zone " +
                "(use an id such as 'Europe/Berlin' or 'UTC').", [nameof(TimeZone)]);
        }
    }
}
