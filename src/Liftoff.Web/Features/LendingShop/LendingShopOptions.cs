using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>Where and how the lending shop is told about released releases (section <c>LendingShop</c>).</summary>
public sealed class LendingShopOptions : IValidatableObject
{
    public const string Section = "LendingShop";

    /// <summary>The lending shop's webhook address; empty switches the notification off (deliveries show "not
    /// configured").</summary>
    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature; from the environment or user secrets only.</summary>
    public string? Secret { get; set; }

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is given up as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubles with every further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this instance delivers in the background; tests and tools drive the deliverer
    /// themselves.</summary>
    public bool RunInBackground { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps
            && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("LendingShop:Url must be an absolute http or https address.",
                [nameof(Url)]);
        }
        if (string.IsNullOrEmpty(Secret))
        {
            yield return new ValidationResult(
                "LendingShop:Secret is required when LendingShop:Url is set: the shop checks the signature.",
                    [nameof(Secret)]);
        }
    }
}
