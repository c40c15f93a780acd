using Liftoff.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>Runs queued backlog imports on this instance: at once when queued here, otherwise at each poll.</summary>
public sealed class ImportJobService(ImportJobRunner runner, IOptions<ImportOptions> options, TimeProvider clock,
    ILogger<ImportJobService> logger) : PollingJob(clock, logger)
{
    protected override string JobName => "Backlog import";

    protected override bool Enabled => options.Value.RunImportsInBackground;

    protected override TimeSpan Interval => options.Value.ImportPollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await runner.RunPendingAsync(ct);
        return false;
    }

    /// <summary>An import started on this instance wakes the runner at once; others' are found by the poll.</summary>
    protected override Task WaitAsync(TimeSpan wait, CancellationToken ct) => runner.WaitForWorkAsync(wait, ct);
}
