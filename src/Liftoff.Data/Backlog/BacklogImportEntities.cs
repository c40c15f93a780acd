namespace Liftoff.Data.Backlog;

public enum BacklogImportStatus
{
    /// <summary>Uploaded; mapping and dry run may be repeated.</summary>
    Uploaded,

    /// <summary>Claimed by one instance and being written, batch by batch, under a lease.</summary>
    Importing,

    Imported,

    /// <summary>Stopped by an error; the rows written so far stay, and importing again adds the rest.</summary>
    Failed,

    /// <summary>Validated by a dry run and waiting for a background worker of any instance.</summary>
    Queued,
}

/// <summary>
/// An uploaded backlog sheet (CSV or .xlsx) kept in the database between the dry run and the import,
/// so any instance can continue it and every instance sees its progress.
/// </summary>
public class BacklogImport
{
    public long Id { get; set; }

    public string FileName { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>SHA-256 of the content, hex.</summary>
    public string Fingerprint { get; set; } = "";

    public BacklogImportStatus Status { get; set; }

    /// <summary>Column mapping and options chosen by the user, as JSON.</summary>
    public string Mapping { get; set; } = "";

    /// <summary>What the import created, or why it failed.</summary>
    public string Summary { get; set; } = "";

    public int TotalRows { get; set; }

    /// <summary>Rows whose requests and requestors are committed; updated in the same transaction as each
    /// batch.</summary>
    public int ProcessedRows { get; set; }

    /// <summary>The worker writing the import; it must renew <see cref="LeaseUntil"/> with every batch.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>After this instant another worker may take the import over (its writer is presumed gone).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>
/// Where an imported request came from (its area and normalised title): the unique key makes
/// re-importing a file create nothing twice, even when two imports run at once.
/// </summary>
public class FeatureRequestSource
{
    public long Id { get; set; }

    public string SourceKey { get; set; } = "";

    public long RequestId { get; set; }

    public long ImportId { get; set; }
}
