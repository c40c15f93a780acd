using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Liftoff.Web.Infrastructure.Email;

/// <summary>The boundary to the mail system.</summary>
public interface IEmailTransport
{
    /// <summary>Sends to the message's To addresses; <paramref name="returnPath"/> is the envelope sender (bounces go there), null for the From address.</summary>
    Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct);
}

/// <summary>Sends through an SMTP server with MailKit.</summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct)
    {
        using var client = new SmtpClient();
        await SmtpConnection.OpenAsync(client, options.Value, ct);
        await SmtpConnection.SendAsync(client, message, returnPath, ct);
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

    /// <summary>With a return path, MAIL FROM carries it (VERP) while the From header stays the sender's.</summary>
    public static Task SendAsync(SmtpClient client, MimeMessage message, MailboxAddress? returnPath, CancellationToken ct) =>
        returnPath is null
            ? client.SendAsync(message, ct)
            : client.SendAsync(message, returnPath, message.To.Mailboxes, ct);
}

/// <summary>Without an SMTP server, every message is kept as an .eml file so nothing is lost.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, TimeProvider clock) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, MailboxAddress? returnPath, CancellationToken ct)
    {
        if (returnPath is not null && !message.Headers.Contains(HeaderId.ReturnPath))
        {
            // What a receiving server would add: shows where bounces of this message would go.
            message.Headers.Insert(0, HeaderId.ReturnPath, $"<{returnPath.Address}>");
        }
        var dir = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await using var stream = File.Create(file);
        await message.WriteToAsync(stream, ct);
    }
}
