namespace Liftoff.Web.Features.Communications;

/// <summary>Spaces messages evenly across all connections of this instance; 0 per second means no limit.</summary>
internal sealed class NewsletterThrottle(double perSecond, TimeProvider Clock)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken ct)
    {
        if (_interval == TimeSpan.Zero)
        {
            return;
        }
        TimeSpan wait;
        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Clock, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
