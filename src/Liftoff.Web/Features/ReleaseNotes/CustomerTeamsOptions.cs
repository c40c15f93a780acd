using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.ReleaseNotes;

/// <summary>Where release notes are shared inside the company (configuration section "Communications").</summary>
public sealed class CustomerTeamsOptions
{
    public const string Section = "Communications";

    /// <summary>The customer teams' internal distribution list; sharing is refused while it is not set.</summary>
    [EmailAddress]
    public string? CustomerTeamsAddress { get; set; }
}
