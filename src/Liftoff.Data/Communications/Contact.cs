namespace Liftoff.Data.Communications;

/// <summary>Which newsletter audience a contact belongs to.</summary>
public enum Audience
{
    Resellers,
    Customers,
}

/// <summary>
/// A person who may receive newsletters: a contact of an organisation, or a member of an imported
/// list (then <see cref="ListName"/> says which). Consent and unsubscribe state are kept per contact.
/// </summary>
public class Contact
{
    public int Id { get; set; }

    public int? OrganisationId { get; set; }

    public Audience Audience { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Lower-cased address; unique per audience.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>The imported list the contact came from, if any.</summary>
    public string? ListName { get; set; }

    public bool Consent { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int RowVersion { get; set; }
}
