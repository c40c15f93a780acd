namespace Liftoff.Data.Support;

/// <summary>Tickets opened on one calendar day (workspace time zone) in one channel; "" is all channels
/// together.</summary>
public class TicketVolumeEntity
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Lower-case channel or category name ("email", "phone"); empty when the source does not split by
    /// channel.</summary>
    public string Channel { get; set; } = "";

    public int Count { get; set; }

    /// <summary>Where the count came from: "csv" or "api".</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
