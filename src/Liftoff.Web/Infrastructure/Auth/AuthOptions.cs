namespace Liftoff.Web.Infrastructure.Auth;

/// <summary>Optional OpenID Connect sign-in, switched on when Authority and ClientId are set.</summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string DisplayName { get; set; } = "Single sign-on";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>" https://idp.example" for the Content-Security-Policy form-action list, or "" when off.</summary>
    public string FormActionSource =>
        Enabled && Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? " "
            + uri.GetLeftPart(UriPartial.Authority) : "";
}
