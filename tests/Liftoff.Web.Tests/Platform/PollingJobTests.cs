using Liftoff.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Liftoff.Web.Tests.Platform;

/// <summary>The loop every background job shares: it survives failed passes and stops when the app stops.</summary>
public sealed class PollingJobTests
{
    private sealed class CountingJob(TimeProvider clock, Func<int, bool> pass, bool enabled = true)
        : PollingJob(clock, NullLogger.Instance)
    {
        private int _passes;

        public SemaphoreSlim Ran { get; } = new(0);

        public int Passes => Volatile.Read(ref _passes);

        protected override string JobName => "Test";

        protected override bool Enabled => enabled;

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        protected override TimeSpan RetryAfterFailure => TimeSpan.FromMinutes(5);

        protected override Task<bool> RunPassAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _passes);
            Ran.Release();
            return Task.FromResult(pass(n));
        }
    }

    private static async Task RanAsync(CountingJob job, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(await job.Ran.WaitAsync(TimeSpan.FromSeconds(10)), $"pass {i + 1} of {times} did not run");
        }
    }

    /// <summary>Moves the clock in 30-second steps until the next pass ran (the job's timer may start a moment
    /// late).</summary>
    private static async Task AdvanceUntilRanAsync(FakeTimeProvider clock, CountingJob job)
    {
        for (var step = 0; step < 40; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            if (await job.Ran.WaitAsync(TimeSpan.FromMilliseconds(100)))
            {
                return;
            }
        }
        Assert.Fail("The job did not run again within 20 minutes of its clock.");
    }

    [Fact]
    public async Task AFailedPass_IsRetriedAfterThePause_AndTheJobKeepsRunning()
    {
        var clock = new FakeTimeProvider();
        using var job = new CountingJob(clock, n => n == 1 ? throw new InvalidOperationException("mailbox unreachable")
            : false);
        await job.StartAsync(CancellationToken.None);
        await RanAsync(job, 1);

        var failedAt = clock.GetUtcNow();
        await AdvanceUntilRanAsync(clock, job);
        var retriedAfter = clock.GetUtcNow() - failedAt;
        await AdvanceUntilRanAsync(clock, job);

        await job.StopAsync(CancellationToken.None);
        Assert.Equal(3, job.Passes);
        Assert.True(retriedAfter >= TimeSpan.FromMinutes(5), $"retried after {retriedAfter}");
    }

    [Fact]
    public async Task APassWithMoreWork_IsFollowedAtOnce_AndStoppingEndsTheWait()
    {
        var clock = new FakeTimeProvider();
        using var job = new CountingJob(clock, n => n < 3);
        await job.StartAsync(CancellationToken.None);

        await RanAsync(job, 3);
        var stop = job.StopAsync(CancellationToken.None);

        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(3, job.Passes);
    }

    [Fact]
    public async Task ADisabledJob_NeverRuns()
    {
        using var job = new CountingJob(new FakeTimeProvider(), _ => false, enabled: false);
        await job.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(0, job.Passes);
    }
}
