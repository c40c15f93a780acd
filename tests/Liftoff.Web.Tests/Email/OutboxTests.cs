using Liftoff.Data;
using Liftoff.Data.Platform;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Email;

public sealed class OutboxTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private LiftoffFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new SmtpFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    private sealed class SmtpFactory(int port) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            builder.UseSetting("Email:PollInterval", "00:10:00");
        }
    }

    [Fact]
    public async Task ProcessDue_QueuedMessage_ArrivesOverSmtpWithBothParts()
    {
        var to = $"{Guid.NewGuid():N}@test.example";
        await _factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Outbox>().EnqueueAsync(new OutgoingEmail(to, "Tester",
                "Reminder: KB iteration", "Plain text", "<p>Html</p>"), "reminder");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });

        // The background pass started with the host may claim the message first; either way it goes out once.
        await _factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        var message = await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == to));
        Assert.Equal("Reminder: KB iteration", message.Subject);
        Assert.Contains("Plain text", message.TextBody);
        Assert.Contains("<p>Html</p>", message.HtmlBody);
        var status = OutboxStatus.Pending;
        for (var i = 0; i < 50 && status != OutboxStatus.Sent; i++)
        {
            status = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
                .Outbox.Where(m => m.ToAddress == to).Select(m => m.Status).SingleAsync());
            if (status != OutboxStatus.Sent)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(OutboxStatus.Sent, status);
        Assert.Single(_smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == to));
    }

    [Fact]
    public async Task Enqueue_SameDeduplicationKeyTwice_QueuesOnce()
    {
        var key = $"reminder:{Guid.NewGuid():N}";
        for (var i = 0; i < 2; i++)
        {
            await _factory.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<Outbox>().EnqueueAsync(
                    new OutgoingEmail("a@test.example", null, "Once", "Body"), "reminder", key);
                await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            });
        }

        var count = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .Outbox.CountAsync(m => m.DeduplicationKey == key));

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task ProcessDue_TwoSendersAtOnce_SendEachMessageOnce()
    {
        var to = $"{Guid.NewGuid():N}@test.example";
        await _factory.WithScopeAsync(async sp =>
        {
            for (var i = 0; i < 20; i++)
            {
                await sp.GetRequiredService<Outbox>().EnqueueAsync(new OutgoingEmail(to, null, $"Message {i}", "Body"),
                    "test");
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        var sender = _factory.Services.GetRequiredService<OutboxSender>();

        // The host's own start-up pass is a third sender racing these two; together they send each once.
        var counts = await Task.WhenAll(sender.ProcessDueAsync(), sender.ProcessDueAsync());

        Assert.InRange(counts.Sum(), 0, 20);
        var sentCount = 0;
        for (var i = 0; i < 100 && sentCount < 20; i++)
        {
            await Task.Delay(100);
            sentCount = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
                .Outbox.CountAsync(m => m.ToAddress == to && m.Status == OutboxStatus.Sent));
        }
        Assert.Equal(20, sentCount);
        await Task.Delay(200);
        var subjects = _smtp.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == to))
            .Select(m => m.Subject).ToList();
        Assert.Equal(20, subjects.Count);
        Assert.Equal(20, subjects.Distinct().Count());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }
}

public sealed class OutboxFailureTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task PickupDirectory_WithoutSmtp_WritesEmlFile()
    {
        var to = $"{Guid.NewGuid():N}@test.example";
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Outbox>().EnqueueAsync(new OutgoingEmail(to, null, "Kept as a file", "Body"),
                "test");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });

        await factory.Services.GetRequiredService<OutboxSender>().ProcessDueAsync();

        var dir = Path.GetFullPath("data/mail");
        Assert.Contains(Directory.GetFiles(dir, "*.eml"), f => File.ReadAllText(f).Contains(to));
    }
}
