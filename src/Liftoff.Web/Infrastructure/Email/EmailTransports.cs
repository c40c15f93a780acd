using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>The boundary to the mail system.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Sends through an SMTP server with MailKit.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient();
        await SmtpConnection.OpenAsync(client, options.Value, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>The one way Liftoff connects to its SMTP server, for single messages and newsletter connections alike.</summary>
public static class SmtpConnection
{
    public static async Task OpenAsync(SmtpClient client, EmailOptions o, CancellationToken ct)
    {
        var security = Enum.TryParse<SecureSocketOptions>(o.SmtpSecurity, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
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
}

/// <summary>Without an SMTP server, every message is kept as an .eml file so nothing is lost.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, TimeProvider clock) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var dir = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await using var stream = File.Create(file);
        await message.WriteToAsync(stream, ct);
    }
}
