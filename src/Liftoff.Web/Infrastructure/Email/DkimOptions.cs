using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>
/// DKIM signing of every outgoing email. The private key is a PEM file outside the repository and the
/// database (create one with `liftoff dkim create &lt;domain&gt; &lt;selector&gt;`); signing is off while
/// <see cref="Domain"/> is empty.
/// </summary>
public sealed class DkimOptions : IValidatableObject
{
    public const string Section = "Email:Dkim";

    public string? Domain { get; set; }

    public string? Selector { get; set; }

    /// <summary>Path of the PEM private key (RSA, 2048 bits), readable only by the app's user.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Selector))
        {
            yield return new ValidationResult("Email:Dkim:Selector is required when Email:Dkim:Domain is set.",
                [nameof(Selector)]);
        }
        if (string.IsNullOrWhiteSpace(PrivateKeyPath) || !File.Exists(PrivateKeyPath))
        {
            yield return new ValidationResult(
                $"Email:Dkim:PrivateKeyPath must name an existing PEM key file (it is '{PrivateKeyPath}'); "
                + "create one with `liftoff dkim create <domain> <selector>`.", [nameof(PrivateKeyPath)]);
        }
    }
}
