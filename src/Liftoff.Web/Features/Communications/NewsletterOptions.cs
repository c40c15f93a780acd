using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.Communications;

public sealed class NewsletterOptions
{
    public const string Section = "Newsletter";

    /// <summary>Whether this instance sends in the background; off for command-line tools and benches that drive the
    /// sender.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>Parallel SMTP connections per app instance, each kept open while a campaign sends.</summary>
    [Range(1, 32)]
    public int Connections { get; set; } = 4;

    /// <summary>Messages per second per instance; 0 switches throttling off.</summary>
    [Range(0, 100_000)]
    public double MessagesPerSecond { get; set; }

    /// <summary>Recipients one connection claims at a time.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 25;

    /// <summary>
    /// How long a claim or an in-flight send is held. A recipient still in flight after its lease has
    /// expired is shown as uncertain; keep it longer than the SMTP timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts for transient failures (4xx) before a recipient is recorded as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay after a transient failure; doubles with each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed connection attempts in a row before the campaign is paused.</summary>
    [Range(1, 100)]
    public int ConnectAttemptsBeforePause { get; set; } = 3;

    /// <summary>Older name of App:PublicBaseUrl, still read by Infrastructure.Web.PublicLinks.</summary>
    public string? PublicBaseUrl { get; set; }
}
