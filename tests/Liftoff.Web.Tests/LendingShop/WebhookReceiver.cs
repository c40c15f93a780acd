using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Liftoff.Web.Tests.LendingShop;

public sealed record ReceivedWebhook(byte[] Body, string? Signature, string? Delivery, bool SignatureValid)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real HTTP server on loopback standing in for the lending shop: it checks the signature the way
/// the README tells the shop to, records every request and answers with what the test asks for.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly string _secret;
    private readonly Func<int, CancellationToken, Task<int>> _answer;
    private int _count;

    /// <param name="answer">Given the 1-based number of the request, returns the status code to answer (and may wait
    /// first).</param>
    public WebhookReceiver(string secret, Func<int, CancellationToken, Task<int>> answer)
    {
        _secret = secret;
        _answer = answer;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public WebhookReceiver(string secret, params int[] answers)
        : this(secret, (n, _) => Task.FromResult(answers[Math.Min(n, answers.Length) - 1]))
    {
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/liftoff";

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (
                e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var signature = context.Request.Headers["X-Liftoff-Signature"];
            var expected = "sha256=" + Convert.ToHexStringLower(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body));
            var valid = signature is not null && CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
            Received.Enqueue(new ReceivedWebhook(body, signature, context.Request.Headers["X-Liftoff-Delivery"],
                valid));
            var status = valid ? await _answer(Interlocked.Increment(ref _count), _stop.Token) : 401;
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception e) when (
            e is HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client gave up (timeout) or the receiver is shutting down.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Abort();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
