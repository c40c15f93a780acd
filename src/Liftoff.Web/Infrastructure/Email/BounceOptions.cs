using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>The bounce mailbox: per-recipient return paths (VERP) that deliver into it, and how it is read over
/// IMAP.</summary>
public sealed class BounceOptions
{
    public const string Section = "Bounces";

    /// <summary>
    /// The mailbox bounces go to, e.g. bounces@mail.example.com. Each message is sent with the envelope sender
    /// bounces+&lt;token&gt;@mail.example.com (the mail server must deliver "+" extensions to the same mailbox).
    /// Empty: messages go out with the From address as envelope sender and nothing is read.
    /// </summary>
    [EmailAddress]
    public string? ReturnPathAddress { get; set; }

    /// <summary>IMAP server of the bounce mailbox; empty switches reading off.</summary>
    public string? ImapHost { get; set; }

    [Range(1, 65535)]
    public int ImapPort { get; set; } = 993;

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string ImapSecurity { get; set; } = "Auto";

    public string? ImapUsername { get; set; }

    public string? ImapPassword { get; set; }

    public string ImapFolder { get; set; } = "INBOX";

    /// <summary>Where a message goes once recorded (created if missing).</summary>
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>
    /// Where a message that was not understood goes, to be looked at (created if missing; nothing is deleted).
    /// </summary>
    public string UnparsedFolder { get; set; } = "Unparsed";

    /// <summary>Whether this instance reads the mailbox in the background (the lease lets one instance at a
    /// time).</summary>
    public bool RunInBackground { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a reader holds the mailbox; another instance takes over when it runs out.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Soft bounces of one address within <see cref="SoftBounceWindow"/> that suppress it.</summary>
    [Range(1, 100)]
    public int SoftBounceLimit { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SoftBounceWindow { get; set; } = TimeSpan.FromDays(30);

    public bool ReadsMailbox => !string.IsNullOrWhiteSpace(ImapHost);
}
