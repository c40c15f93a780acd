using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Communications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Liftoff.Bench;

// The loopback ends of the newsletter bench: the app's services and an SMTP server that counts what arrives.
public sealed partial class NewsletterBenchmark
{
    /// <summary>The app's services on the bench database, sending to the loopback server; nothing runs in the
    /// background.</summary>
    private sealed class BenchHost(BenchDatabase database, int smtpPort, int connections) : IAsyncDisposable
    {
        private readonly WebApplicationFactory<NewsletterSender> _app = database.CreateApp<NewsletterSender>(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Error");
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            builder.UseSetting("Newsletter:RunInBackground", "false");
            builder.UseSetting("Newsletter:Connections", connections.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Newsletter:MessagesPerSecond", "0");
            builder.UseSetting("Newsletter:Lease", $"00:00:{LeaseSeconds:D2}");
        });

        public IServiceProvider Services => _app.Services;

        public NewsletterSender Sender => Services.GetRequiredService<NewsletterSender>();

        public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
        {
            await using var scope = Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    /// <summary>An SMTP server on loopback counting what it accepted per campaign and ledger row (from the
    /// Message-ID).</summary>
    private sealed class CountingSmtpServer : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<(int Campaign, long Recipient), int> _received = new();
        private readonly ConcurrentDictionary<int, int> _perCampaign = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        public CountingSmtpServer()
        {
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var options = new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)
                    // The library ends every session after two minutes by default, cutting a connection mid-message;
                    // a relay a newsletter goes through keeps a busy connection open.
                    .SessionTimeout(TimeSpan.FromHours(2))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(this));
            services.Add(new NoDelayListenerFactory());
            _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        }

        public int Port { get; }

        public int CountFor(int campaign) => _perCampaign.GetValueOrDefault(campaign);

        public Dictionary<long, int> Received(int campaign) =>
            _received.Where(kv => kv.Key.Campaign == campaign).ToDictionary(kv => kv.Key.Recipient, kv => kv.Value);

        private void Add(string? messageId)
        {
            // newsletter-{campaign}-{recipient}@liftoff
            var parts = (messageId ?? "").Split('-', '@');
            if (parts.Length >= 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var c)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var r))
            {
                _received.AddOrUpdate((c, r), 1, (_, n) => n + 1);
                _perCampaign.AddOrUpdate(c, 1, (_, n) => n + 1);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }

        /// <summary>
        /// Replies leave at once, as from a production relay: with Nagle's algorithm the library's second
        /// "250 Ok" to pipelined MAIL/RCPT waits for the client's delayed acknowledgement (about 40 ms a message).
        /// Accepted sockets inherit TCP_NODELAY from the listening socket.
        /// </summary>
        private sealed class NoDelayListenerFactory : SmtpServer.Net.IEndpointListenerFactory
        {
            public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
            {
                var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
                listener.Server.NoDelay = true;
                listener.Start();
                // The library's listener has no public constructor; it is built the way its own factory builds it.
                return (SmtpServer.Net.IEndpointListener)Activator.CreateInstance(
                    typeof(SmtpServer.Net.EndpointListener),
                    System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic
                        | System.Reflection.BindingFlags.Public,
                    null, [listener, (Action)(() => { })], CultureInfo.InvariantCulture)!;
            }
        }

        private sealed class Store(CountingSmtpServer owner) : MessageStore
        {
            private static readonly byte[] Marker = "\r\nMessage-Id: <"u8.ToArray();

            /// <summary>
            /// The Message-ID from the raw header block, found without parsing the whole message, so that the
            /// server's share of the machine stays small next to the sender it measures.
            /// </summary>
            private static string? MessageId(ReadOnlySequence<byte> buffer)
            {
                var head = buffer.Length > 8192 ? buffer.Slice(0, 8192).ToArray() : buffer.ToArray();
                var bodyStart = head.AsSpan().IndexOf("\r\n\r\n"u8);
                var headers = bodyStart < 0 ? head.AsSpan() : head.AsSpan(0, bodyStart);
                var at = headers.IndexOf(Marker);
                if (at < 0)
                {
                    return null;
                }
                var rest = headers[(at + Marker.Length)..];
                var end = rest.IndexOf((byte)'>');
                return end < 0 ? null : System.Text.Encoding.ASCII.GetString(rest[..end]);
            }

            public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
                ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                owner.Add(MessageId(buffer));
                return Task.FromResult(SmtpResponse.Ok);
            }
        }
    }
}
