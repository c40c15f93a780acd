using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Liftoff.Data;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Communications;

/// <summary>A bounce mailbox that cannot be reached: the reader records why, suppresses nobody and tries again.
/// </summary>
public sealed class BounceMailboxUnreachableTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private UnreachableMailboxFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new UnreachableMailboxFactory(_smtp.Port, ClosedPort());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ReadOnce_MailboxRefusesConnections_ErrorRecordedNothingSuppressedAndTheNextPassTriesAgain()
    {
        var reader = _factory.Services.GetRequiredService<BounceMailboxReader>();
        var suppressedBefore = await SuppressedAsync();

        var first = await reader.ReadOnceAsync();
        var second = await reader.ReadOnceAsync();
        var (error, leaseOwner) = await _factory.WithScopeAsync(async sp =>
        {
            var cursor = await sp.GetRequiredService<AppDbContext>().MailboxCursors.AsNoTracking()
                .SingleAsync(c => c.Mailbox == BounceMailboxReader.MailboxName);
            return (cursor.LastError, cursor.LeaseOwner);
        });

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.StartsWith("The bounce mailbox could not be read", error);
        Assert.Null(leaseOwner);
        Assert.Equal(suppressedBefore, await SuppressedAsync());
    }

    private Task<int> SuppressedAsync() =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SuppressedAddresses.CountAsync());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class UnreachableMailboxFactory(int smtpPort, int imapPort) : DeliverabilityFactory(smtpPort)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Bounces:ImapHost", "127.0.0.1");
            builder.UseSetting("Bounces:ImapPort", imapPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Bounces:ImapSecurity", "None");
        }
    }
}
