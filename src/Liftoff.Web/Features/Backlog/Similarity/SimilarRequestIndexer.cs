using Liftoff.Web.Infrastructure.Jobs;

namespace Liftoff.Web.Features.Backlog.Similarity;

/// <summary>
/// Keeps the index in step with the database: catches up with changes from any instance within a
/// fraction of a second, and embeds new requests in small batches between catch-ups.
/// </summary>
public sealed class SimilarRequestIndexer(SimilarRequestEngine engine, TimeProvider clock,
    IConfiguration configuration, ILogger<SimilarRequestIndexer> logger)
    : PollingJob(clock, logger)
{
    /// <summary>Loads the models after the first catch-up (on by default), so that neither the first save nor the
    /// first search after start waits about a second for them.</summary>
    public const string WarmUpSetting = "Backlog:WarmUpModels";

    private bool _warm = !configuration.GetValue(WarmUpSetting, true);

    /// <summary>How often other instances' changes are looked for when nothing else wakes the indexer.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override string JobName => "Similar-request index refresh";

    protected override TimeSpan Interval => Poll;

    protected override TimeSpan RetryAfterFailure => TimeSpan.FromSeconds(5);

    /// <summary>Follows every instance's changes, then embeds a small batch; more follow without a wait.</summary>
    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await engine.CatchUpAsync(ct);
        if (!_warm)
        {
            _warm = true;
            await Task.Run(engine.WarmUp, ct);
        }
        return await engine.EmbedPendingAsync(ct) > 0;
    }

    /// <summary>A save on this instance wakes the indexer at once; other instances' are found by the poll.</summary>
    protected override Task WaitAsync(TimeSpan wait, CancellationToken ct) =>
        wait == Poll ? engine.WaitForChangeAsync(wait, ct) : Task.Delay(wait, ct);
}
