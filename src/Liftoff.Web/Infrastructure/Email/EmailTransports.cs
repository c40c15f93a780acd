using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>
/// The boundary to the mail system, for single messages (the outbox) and newsletter connections alike: a
/// channel is one connection kept open across messages until it is disposed.
/// </summary>
public interface IEmailTransport
{
    IMailChannel Open();
}

/// <summary>One open connection to the mail system.</summary>
public interface IMailChannel : IAsyncDisposable
{
    /// <summary>Connects if not connected; throws <see cref="MailServerUnavailableException"/> when the server cannot
    /// be reached.</summary>
    Task EnsureConnectedAsync(CancellationToken ct);

    /// <summary>Sends to the message's To addresses; <paramref name="returnPath"/> is the envelope sender (bounces go
    /// there), null for the From address.</summary>
    Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct);
}

public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);

public static class EmailTransportExtensions
{
    /// <summary>Sends one message on a connection of its own.</summary>
    public static async Task SendAsync(this IEmailTransport transport, MimeMessage message, MailboxAddress? returnPath,
        CancellationToken ct)
    {
        await using var channel = transport.Open();
        await channel.EnsureConnectedAsync(ct);
        await channel.SendAsync(message, returnPath, ct);
    }
}

/// <summary>Sends through an SMTP server with MailKit; each channel keeps its connection until disposed.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public IMailChannel Open() => new Channel(options.Value);

    private sealed class Channel(EmailOptions o) : IMailChannel
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
            catch (Exception e) when (
                e is SocketException or IOException or SmtpProtocolException or SslHandshakeException
                or TimeoutException or ServiceNotConnectedException)
            {
                throw new MailServerUnavailableException(
                    $"SMTP server {o.SmtpHost}:{o.SmtpPort} is unreachable: {e.Message}", e);
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
            catch (Exception e) when (
                e is IOException or SmtpProtocolException or SocketException or ServiceNotConnectedException)
            {
                // The connection is going away either way.
            }
            _client.Dispose();
        }
    }
}

/// <summary>The one way Liftoff connects to its SMTP server, for single messages and newsletter connections
/// alike.</summary>
public static class SmtpConnection
{
    public static async Task OpenAsync(SmtpClient client, EmailOptions o, CancellationToken ct)
    {
        var security = Enum.TryParse<SecureSocketOptions>(o.SmtpSecurity, ignoreCase: true, out var s) ? s
            : SecureSocketOptions.Auto;
        // Small SMTP commands and replies go out at once: with Nagle's algorithm each message on a kept-open
        // connection waits for a delayed acknowledgement (about 40 ms) and throughput collapses.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(o.SmtpHost!, o.SmtpPort, ct);
            await client.ConnectAsync(socket, o.SmtpHost!, o.SmtpPort, security, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (!string.IsNullOrEmpty(o.SmtpUsername))
        {
            await client.AuthenticateAsync(o.SmtpUsername, o.SmtpPassword ?? "", ct);
        }
    }

    /// <summary>With a return path, MAIL FROM carries it (VERP) while the From header stays the sender's.</summary>
    public static Task SendAsync(SmtpClient client, MimeMessage message, MailboxAddress? returnPath,
        CancellationToken ct) =>
        returnPath is null
            ? client.SendAsync(message, ct)
            : client.SendAsync(message, returnPath, message.To.Mailboxes, ct);
}

/// <summary>Without an SMTP server, every message is kept as an .eml file so nothing is lost.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, TimeProvider clock) : IEmailTransport
{
    public IMailChannel Open() => new Channel(options.Value, clock);

    private sealed class Channel(EmailOptions o, TimeProvider clock) : IMailChannel
    {
        public Task EnsureConnectedAsync(CancellationToken ct) => Task.CompletedTask;

        public async Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct)
        {
            if (returnPath is not null && !message.Headers.Contains(HeaderId.ReturnPath))
            {
                // What a receiving server would add: shows where bounces of this message would go.
                message.Headers.Insert(0, HeaderId.ReturnPath, $"<{returnPath.Address}>");
            }
            var dir = Path.GetFullPath(o.PickupDirectory);
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await using var stream = File.Create(file);
            await message.WriteToAsync(stream, ct);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
