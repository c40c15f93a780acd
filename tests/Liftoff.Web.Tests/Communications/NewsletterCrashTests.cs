using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Liftoff.Web.Tests.Communications;

public sealed class NewsletterCrashTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private NewsletterFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new NewsletterFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Send_SenderDiesMidCampaign_RestartSendsEveryOtherRecipientExactlyOnce()
    {
        const int recipients = 300;
        await _factory.AddContactsAsync(Audience.Resellers, recipients, "crash");
        var campaignId = await _factory.CreateScheduledCampaignAsync(CampaignAudience.Resellers);
        var sp = _factory.Services;
        var real = sp.GetRequiredService<IEmailTransport>();
        var dying = new DyingTransport(real, afterMessages: 97 + Random.Shared.Next(100));
        var first = ActivatorUtilities.CreateInstance<NewsletterSender>(sp, dying);

        // The first sender's work stops dead once every connection is stuck: like a killed process, it writes nothing
        // more.
        _ = first.RunOnceAsync();
        await dying.AllStuck(NewsletterFactory.Connections).WaitAsync(TimeSpan.FromSeconds(60));
        var lease = sp.GetRequiredService<IOptions<NewsletterOptions>>().Value.Lease;
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + lease + TimeSpan.FromSeconds(5));
        var second = ActivatorUtilities.CreateInstance<NewsletterSender>(sp, (TimeProvider)later);
        await second.RunOnceAsync();

        var ledger = await _factory.WithScopeAsync(s => s.GetRequiredService<AppDbContext>()
            .NewsletterRecipients.AsNoTracking().Where(r => r.CampaignId == campaignId).ToListAsync());
        var received = _smtp.Messages.Where(m => (m.MessageId ?? "")
            .StartsWith($"newsletter-{campaignId}-", StringComparison.Ordinal))
            .GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        var uncertain = ledger.Where(r => r.Status == RecipientStatus.InFlight).ToList();
        Assert.Equal(recipients, ledger.Count);
        Assert.All(received, r => Assert.Equal(1, r.Value));
        Assert.InRange(uncertain.Count, 1, NewsletterFactory.Connections);
        Assert.All(ledger.Where(r => r.Status != RecipientStatus.InFlight),
            r => Assert.Equal(RecipientStatus.Sent, r.Status));
        Assert.All(ledger.Where(r => r.Status == RecipientStatus.Sent),
            r => Assert.True(received.ContainsKey(r.Email), $"{r.Email} is marked sent but never arrived"));
        Assert.Equal(recipients - uncertain.Count, ledger.Count(r => r.Status == RecipientStatus.Sent));
        Assert.Equal(CampaignStatus.Completed, (await _factory.ProgressAsync(campaignId)).Status);
        dying.Release();
    }

    /// <summary>Delivers normally until a count is reached; after that each connection delivers one more message and
    /// never returns.</summary>
    private sealed class DyingTransport(IEmailTransport inner, int afterMessages) : IEmailTransport
    {
        private readonly TaskCompletionSource _forever = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stuck = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;
        private int _stuckCount;
        private int _expected = int.MaxValue;

        public IMailChannel Open() => new Channel(inner.Open(), this);

        public Task AllStuck(int connections)
        {
            Volatile.Write(ref _expected, connections);
            if (Volatile.Read(ref _stuckCount) >= connections)
            {
                _stuck.TrySetResult();
            }
            return _stuck.Task;
        }

        public void Release() => _forever.TrySetException(new IOException("released after the test"));

        private sealed class Channel(IMailChannel inner, DyingTransport owner) : IMailChannel
        {
            public Task EnsureConnectedAsync(CancellationToken ct) => inner.EnsureConnectedAsync(ct);

            public async Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct)
            {
                await inner.SendAsync(message, returnPath, ct);
                if (Interlocked.Increment(ref owner._sent) > owner.Limit)
                {
                    if (Interlocked.Increment(ref owner._stuckCount) >= Volatile.Read(ref owner._expected))
                    {
                        owner._stuck.TrySetResult();
                    }
                    await owner._forever.Task;
                }
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }

        private int Limit => afterMessages;
    }
}
