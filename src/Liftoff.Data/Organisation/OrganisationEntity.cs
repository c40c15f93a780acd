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

    public string Name { get; set; } = "";

    public OrganisationKind Kind { get; set; }

    public string? Segment { get; set; }

    public string? Tier { get; set; }

    public string? Country { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
