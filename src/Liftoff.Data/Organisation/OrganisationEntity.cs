namespace Liftoff.Data.Organisation;

public enum OrganisationKind
{
    Reseller,
    Customer,
}

/// <summary>A reseller or customer company.</summary>
public class OrganisationEntity
{
    public int Id { get; set; }

    private string _name = "";

    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            NormalizedName = Normalize(value);
        }
    }

    /// <summary>The name in upper case; its unique index keeps "Acme" and "ACME" from both being created.</summary>
    public string NormalizedName { get; private set; } = "";

    public OrganisationKind Kind { get; set; }

    public string? Segment { get; set; }

    public string? Tier { get; set; }

    public string? Country { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
