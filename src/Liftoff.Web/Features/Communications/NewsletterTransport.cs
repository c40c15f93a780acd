using System.Net.Sockets;
using Liftoff.Web.Infrastructure.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Features.Communications;

/// <summary>Opens channels for newsletter sending: one per parallel connection, kept open across messages.</summary>
public interface INewsletterTransport
{
    INewsletterChannel Open();
}

public interface INewsletterChannel : IAsyncDisposable
{
    /// <summary>Connects if not connected; throws <see cref="MailServerUnavailableException"/> when the server cannot be reached.</summary>
    Task EnsureConnectedAsync(CancellationToken ct);

    /// <summary>Sends to the message's To address with <paramref name="returnPath"/> (when given) as envelope sender.</summary>
    Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct);
}

public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>MailKit SMTP; each channel keeps its connection for the whole campaign.</summary>
public sealed class SmtpNewsletterTransport(IOptions<EmailOptions> options) : INewsletterTransport
{
    public INewsletterChannel Open() => new Channel(options.Value);

    private sealed class Channel(EmailOptions o) : INewsletterChannel
    {
        private readonly SmtpClient _client = new() { Timeout = 60_000 };

        public async Task EnsureConnectedAsync(CancellationToken ct)
        {
            if (_client.IsConnected)
            {
                return;
            }
            try
            {
                await SmtpConnection.OpenAsync(_client, o, ct);
            }
            catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or SslHandshakeException or TimeoutException or ServiceNotConnectedException)
            {
                throw new MailServerUnavailableException($"SMTP server {o.SmtpHost}:{o.SmtpPort} is unreachable: {e.Message}", e);
            }
        }

        public Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct) =>
            SmtpConnection.SendAsync(_client, message, returnPath, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(true);
                }
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SocketException or ServiceNotConnectedException)
            {
                // The connection is going away either way.
            }
            _client.Dispose();
        }
    }
}

/// <summary>Without an SMTP server every newsletter message is written as an .eml file, like other email.</summary>
public sealed class PickupNewsletterTransport(PickupDirectoryTransport pickup) : INewsletterTransport
{
    public INewsletterChannel Open() => new Channel(pickup);

    private sealed class Channel(PickupDirectoryTransport pickup) : INewsletterChannel
    {
        public Task EnsureConnectedAsync(CancellationToken ct) => Task.CompletedTask;

        public Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct) =>
            pickup.SendAsync(message, returnPath, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
