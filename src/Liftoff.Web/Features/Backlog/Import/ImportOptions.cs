using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>How backlog imports are written in the background ("Backlog" section).</summary>
public sealed class ImportOptions
{
    public const string Section = "Backlog";

    /// <summary>Sheet rows written per transaction; each batch also commits the progress shown to the user.</summary>
    [Range(1, 10_000)]
    public int ImportBatchSize { get; set; } = 500;

    /// <summary>How long a worker's claim on an import lasts without a committed batch; after it another instance takes
    /// over.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ImportLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each instance looks for queued imports (a queued import on the same instance starts at
    /// once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether this instance runs import jobs at all.</summary>
    public bool RunImportsInBackground { get; set; } = true;
}
