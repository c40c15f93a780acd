using System.Globalization;
using System.Net.Http.Headers;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.LendingShop;

/// <summary>
/// Calls the lending shop's webhook for every due delivery. Safe with several instances: a delivery is
/// claimed by a conditional update only one instance can win, the claim carries a lease, and the
/// outcome is written only while the claim is still this caller's. An instance that dies mid-call
/// leaves a claim that expires and is tried again, so the shop may see a delivery id twice, never none.
/// </summary>
public sealed class LendingShopDeliverer(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    IOptions<LendingShopOptions> options,
    TimeProvider clock,
    ILogger<LendingShopDeliverer> logger) : PollingJob(clock, logger)
{
    public const string HttpClientName = "LendingShop";

    private readonly SemaphoreSlim _wake = new(0, 1);

    private TimeSpan Lease => options.Value.Timeout + TimeSpan.FromMinutes(1);

    /// <summary>Asks this instance to look for due deliveries now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override string JobName => "Lending-shop delivery";

    protected override bool Enabled => options.Value.RunInBackground;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken ct)
    {
        await ProcessDueAsync(ct);
        return false;
    }

    protected override Task WaitAsync(TimeSpan wait, CancellationToken ct) => _wake.WaitAsync(wait, ct);

    /// <summary>Attempts every delivery that is due now; returns how many were delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct = default)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = Clock.GetUtcNow();
            due = await db.LendingShopDeliveries.AsNoTracking()
                .Where(d => (d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                    || (d.Status == DeliveryStatus.Delivering && d.ClaimedUntil < now))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(50).ToListAsync(ct);
        }
        var delivered = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, ct) is { } claim && await DeliverAsync(id, claim, ct))
            {
                delivered++;
            }
        }
        return delivered;
    }

    private async Task<DateTimeOffset?> TryClaimAsync(int id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow();
        // Whole milliseconds: the claim doubles as the owner's token and must compare equal after a round trip on
        // either database.
        var until = new DateTimeOffset((now + Lease)
            .UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var won = await db.LendingShopDeliveries.Where(d => d.Id == id
            && ((d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                || (d.Status == DeliveryStatus.Delivering && d.ClaimedUntil < now)))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Delivering)
                .SetProperty(d => d.ClaimedUntil, until), ct);
        return won == 1 ? until : null;
    }

    private async Task<bool> DeliverAsync(int id, DateTimeOffset claim, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var o = options.Value;
        var delivery = await db.LendingShopDeliveries.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        var releaseJson = delivery.Body.Length > 0 ? delivery.Body
            : await DescribeReleaseAsync(sp, db, delivery.ReleaseId, ct);
        var attempt = delivery.Attempts + 1;
        var url = o.IsConfigured ? o.Url!.Trim() : delivery.Url;
        var result = await CallAsync(url, o.Secret ?? "", id, attempt, releaseJson, ct);

        var now = Clock.GetUtcNow();
        var delivered = result.StatusCode is >= 200 and < 300;
        var giveUp = !delivered && attempt >= o.MaxAttempts;
        var status = delivered ? DeliveryStatus.Delivered : giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        var next = delivered || giveUp ? now : now + TimeSpan.FromTicks(
            (long)(o.RetryDelay.Ticks * Math.Pow(2, attempt - 1)));
        DateTimeOffset? deliveredAt = delivered ? now : null;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.LendingShopAttempts.Add(new LendingShopAttempt
        {
            DeliveryId = id,
            At = result.StartedAt,
            StatusCode = result.StatusCode,
            Error = result.Error,
            DurationMs = result.DurationMs
        });
        var owned = await db.LendingShopDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Delivering
            && d.ClaimedUntil == claim)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempt)
                .SetProperty(d => d.Url, url)
                .SetProperty(d => d.Body, releaseJson)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.LastStatusCode, result.StatusCode)
                .SetProperty(d => d.LastError, result.Error)
                .SetProperty(d => d.DeliveredAt, deliveredAt), ct);
        if (owned == 1 && delivered)
        {
            await sp.GetRequiredService<PlanTaskCompletion>().CompleteAsync(delivery.ReleaseId,
                DefaultPlaybook.LendingShopUpdate, null,
                string.Create(CultureInfo.InvariantCulture,
                    $"the lending shop answered {result.StatusCode} to delivery {id}"), ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (owned == 0)
        {
            logger.LogWarning(
                "Lending-shop delivery {Id}: the claim expired during attempt {Attempt}; another pass owns it now", id,
                    attempt);
        }
        else if (delivered)
        {
            logger.LogInformation("Lending-shop delivery {Id} delivered (HTTP {Status})", id, result.StatusCode);
        }
        else
        {
            logger.LogWarning("Lending-shop delivery {Id} attempt {Attempt} failed: {Error}{GiveUp}", id, attempt,
                result.Error, giveUp ? "; giving up" : "");
        }
        return owned == 1 && delivered;
    }

    private sealed record CallResult(DateTimeOffset StartedAt, int? StatusCode, string? Error, long DurationMs);

    private async Task<CallResult> CallAsync(string url, string secret, int deliveryId, int attempt,
        string releaseJson, CancellationToken ct)
    {
        var o = options.Value;
        var startedAt = Clock.GetUtcNow();
        var started = Clock.GetTimestamp();
        long Elapsed() => (long)Clock.GetElapsedTime(started).TotalMilliseconds;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new CallResult(startedAt, null, "No valid lending-shop URL is configured (LendingShop:Url).", 0);
        }
        var body = LendingShopPayload.Envelope(deliveryId, attempt, startedAt, releaseJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(LendingShopPayload.SignatureHeader, LendingShopPayload.Sign(body, secret));
        request.Headers.Add(LendingShopPayload.DeliveryHeader, deliveryId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(LendingShopPayload.EventHeader, LendingShopPayload.EventName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new CallResult(startedAt, code, null, Elapsed());
            }
            var text = await ReadSomeAsync(response, timeout.Token);
            return new CallResult(startedAt, code, Truncate(
                $"HTTP {code} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : "")}"), Elapsed());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new CallResult(startedAt, null,
                $"No answer within {o.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (timed " +
                    $"out).", Elapsed());
        }
        catch (HttpRequestException e)
        {
            return new CallResult(startedAt, null, Truncate($"Network error: {e.Message}"), Elapsed());
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return text.Length > 200 ? text[..200] : text.Trim();
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    /// <summary>The release as the shop sees it; a summary the disclosure guard stops is left out rather than
    /// sent.</summary>
    private async Task<string> DescribeReleaseAsync(IServiceProvider sp, AppDbContext db, int releaseId,
        CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().FirstAsync(r => r.Id == releaseId, ct);
        var summary = release.ContentSummary;
        if (!string.IsNullOrWhiteSpace(summary))
        {
            var verdict = await sp.GetRequiredService<DisclosureService>().CheckAsync(summary, null, ct);
            if (verdict.Blocked)
            {
                logger.LogWarning("Lending-shop notice for release {Release}: the summary was left out ({Reason})",
                    releaseId, verdict.BlockingFindings[0].Reason);
                summary = null;
            }
        }
        return LendingShopPayload.Release(release, summary);
    }

    private static string Truncate(string s) => s.Length > 1000 ? s[..1000] : s;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
