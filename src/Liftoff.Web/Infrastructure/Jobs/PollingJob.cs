namespace Liftoff.Web.Infrastructure.Jobs;

/// <summary>
/// The loop every background job shares: run a pass, wait, run again, on every instance. A failed pass is
/// logged and retried after a pause; stopping the app ends the loop between two passes or during a wait.
/// Each job keeps only its own work (<see cref="RunPassAsync"/>) and claims what it works on with its own
/// lease in the database, so several instances can run the same job side by side.
/// </summary>
public abstract class PollingJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The app's clock (a test's clock in tests).</summary>
    protected TimeProvider Clock => clock;

    /// <summary>What the log calls the job.</summary>
    protected abstract string JobName { get; }

    /// <summary>Whether this instance runs the job at all (configuration); read once at start.</summary>
    protected virtual bool Enabled => true;

    /// <summary>The wait between passes when the last one left nothing to do right away.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>The wait after a failed pass.</summary>
    protected virtual TimeSpan RetryAfterFailure => Interval;

    /// <summary>Whether the first pass waits one interval (nothing can be due at start).</summary>
    protected virtual bool WaitBeforeFirstPass => false;

    /// <summary>One pass of the job's work; true when more work is ready at once (the next pass does not
    /// wait).</summary>
    protected abstract Task<bool> RunPassAsync(CancellationToken ct);

    /// <summary>Waits for the next pass; a job that can be woken early (new work saved) overrides this.</summary>
    protected virtual Task WaitAsync(TimeSpan wait, CancellationToken ct) => Task.Delay(wait, clock, ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        // Never hold up the app's start with the first pass.
        await Task.Yield();
        if (WaitBeforeFirstPass && !await PauseAsync(Interval, stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            var more = false;
            try
            {
                more = await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Timeouts of a peer (SMTP, IMAP, HTTP) end up here too: they are failures, not a stop.
                logger.LogError(e, "{Job} pass failed; retrying after {Wait}", JobName, RetryAfterFailure);
                wait = RetryAfterFailure;
            }
            if (!more && !await PauseAsync(wait, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await WaitAsync(wait, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping, or the wait itself was cut short: the loop checks which.
        }
        return !ct.IsCancellationRequested;
    }
}
