using System.Diagnostics;
using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Infrastructure.Cli;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Bench;

/// <summary>
/// A campaign through the local Postfix (scripts/mail-server.sh) of which 2 % is undeliverable: throughput,
/// DKIM verified by python3-dkim on a sample of what arrived, Postfix's bounces read back from Dovecot over
/// IMAP, then a second campaign that must not reach any suppressed address.
/// </summary>
public sealed partial class DeliverabilityBenchmark : IBenchmark
{
    private const string Password = "secret";

    public string Name => "deliverability";

    public string Usage => "[--recipients 5000] [--smtp 127.0.0.1:2525] [--imap 127.0.0.1:1143] [--connections 4] "
        + "[--sample 50] [--send-minutes 20] [--bounce-minutes 5] [--provider sqlite|postgres --connection \"...\"]";

    public async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var a = new BenchArgs(args);
        var recipients = a.Number("recipients", 5000);
        var (smtpHost, smtpPort) = Endpoint(a.Optional("smtp") ?? "127.0.0.1:2525");
        var (imapHost, imapPort) = Endpoint(a.Optional("imap") ?? "127.0.0.1:1143");
        var sample = a.Number("sample", 50);
        var sendLimit = TimeSpan.FromMinutes(a.Number("send-minutes", 20));
        var bounceLimit = TimeSpan.FromMinutes(a.Number("bounce-minutes", 5));
        var keyDir = Directory.CreateTempSubdirectory("liftoff-bench-dkim").FullName;
        var keyPath = Path.Combine(keyDir, "bench.mail.test.pem");
        var dns = new StringWriter();
        DkimCommand.Create("mail.test", "bench", ["--out", keyPath], dns, Console.Error);
        var txt = dns.ToString().Split('"')[1];
        await using var database = BenchDatabase.Create(a);
        await using var app = database.CreateApp<NewsletterSender>(b =>
        {
            b.UseSetting("Logging:LogLevel:Default", "Error");
            b.UseSetting("Email:SmtpHost", smtpHost);
            b.UseSetting("Email:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Email:SmtpSecurity", "None");
            b.UseSetting("Email:FromAddress", "news@mail.test");
            b.UseSetting("Email:Dkim:Domain", "mail.test");
            b.UseSetting("Email:Dkim:Selector", "bench");
            b.UseSetting("Email:Dkim:PrivateKeyPath", keyPath);
            b.UseSetting("Newsletter:RunInBackground", "false");
            b.UseSetting("Newsletter:Connections", a.Number("connections", 4).ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Bounces:ReturnPathAddress", "bounces@mail.test");
            b.UseSetting("Bounces:RunInBackground", "false");
            b.UseSetting("Bounces:ImapHost", imapHost);
            b.UseSetting("Bounces:ImapPort", imapPort.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Bounces:ImapSecurity", "None");
            b.UseSetting("Bounces:ImapUsername", "bounces@mail.test");
            b.UseSetting("Bounces:ImapPassword", Password);
        });
        var tag = Guid.NewGuid().ToString("N")[..8];
        var undeliverable = recipients / 50;
        await SeedAsync(app, recipients, undeliverable, tag);
        await SkipOldBouncesAsync(app, imapHost, imapPort);
        var sender = app.Services.GetRequiredService<NewsletterSender>();

        // Every phase prints progress every few seconds and gives up after its time limit:
        // the bench never waits silently.
        var first = await ScheduleAsync(app, $"First {tag}");
        var clock = Stopwatch.StartNew();
        var sent = await SendAllAsync(app, sender, first, "campaign 1", sendLimit);
        var rate = sent / clock.Elapsed.TotalSeconds;
        Say($"campaign 1: {sent} messages accepted by Postfix in {clock.Elapsed.TotalSeconds:F1} s = {rate:F0} msgs/s "
            + $"(DKIM signing on); load average {LoadAverage()}");

        var reader = app.Services.GetRequiredService<BounceMailboxReader>();
        var wait = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int hard;
        while (true)
        {
            using (var pass = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                await reader.ReadOnceAsync(pass.Token);
            }
            hard = await WithDbAsync(app, db =>
                db.DeliveryEvents.CountAsync(e => e.Kind == DeliveryEventKind.HardBounce && e.CampaignId == first));
            if (hard >= undeliverable || wait.Elapsed > bounceLimit)
            {
                break;
            }
            if (wait.Elapsed - lastReport >= Progress)
            {
                lastReport = wait.Elapsed;
                Say($"bounces: {hard} of {undeliverable} read back after {wait.Elapsed.TotalSeconds:F0} s; "
                    + "still waiting");
            }
            await Task.Delay(1000);
        }
        Say($"bounces: {hard} of {undeliverable} read back after {wait.Elapsed.TotalSeconds:F1} s"
            + (hard < undeliverable ? $" (gave up after {bounceLimit.TotalMinutes:F0} min)" : ""));

        int verified;
        using (var verifying = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            try
            {
                verified = await VerifySampleAsync(
                    imapHost, imapPort, $"First {tag}", sample, txt, keyDir, verifying.Token);
            }
            catch (OperationCanceledException)
            {
                Say("dkim: the check of the sample did not finish within 3 min");
                verified = 0;
            }
        }
        Say($"dkim: {verified} of {sample} sampled messages verified by python3-dkim");

        var second = await ScheduleAsync(app, $"Second {tag}");
        await SendAllAsync(app, sender, second, "campaign 2", sendLimit);
        var (suppressed, sentToSuppressed, unparsed) = await WithDbAsync(app, async db =>
        {
            var suppressedCount = await db.SuppressedAddresses.CountAsync();
            var bad = await db.NewsletterRecipients.CountAsync(r => r.CampaignId == second
                && r.Status == RecipientStatus.Sent
                && db.SuppressedAddresses.Any(s => s.Email == r.Email));
            return (suppressedCount, bad, await db.UnparsedMailMessages.CountAsync());
        });
        await RemoveDeliveredAsync(imapHost, imapPort, tag);
        Directory.Delete(keyDir, true);
        Say($"recipients={recipients} msgs_per_s={rate:F0} dkim_verified={verified}/{sample} hard_bounces={hard} "
            + $"suppressed={suppressed} sent_to_suppressed={sentToSuppressed} unparsed={unparsed}");
        return hard == undeliverable && sentToSuppressed == 0 && verified == sample ? 0 : 1;
    }

    private static readonly TimeSpan Progress = TimeSpan.FromSeconds(10);

    private static void Say(string line) => Console.WriteLine(line);

    /// <summary>
    /// Sends the campaign until nothing is waiting any more (transient refusals come back after their retry
    /// delay), printing how many were sent every few seconds; stops at the time limit.
    /// </summary>
    private static async Task<int> SendAllAsync(
        WebApplicationFactory<NewsletterSender> app,
        NewsletterSender sender,
        int campaign,
        string label,
        TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(limit);
        using var done = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await Task.Delay(Progress, done.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!done.IsCancellationRequested)
                {
                    var (n, waiting) = await CountAsync(app, campaign);
                    Say($"{label}: {n} sent, {waiting} waiting after {clock.Elapsed.TotalSeconds:F0} s; "
                        + $"load average {LoadAverage()}");
                }
            }
        });
        var sent = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                sent += await sender.RunOnceAsync(stop.Token);
                var (_, waiting) = await CountAsync(app, campaign);
                var status = await WithDbAsync(app, db => db.NewsletterCampaigns.Where(c => c.Id == campaign)
                    .Select(c => new { c.Status, c.PauseReason }).FirstAsync());
                if (waiting == 0 || status.Status == CampaignStatus.Paused)
                {
                    if (status.PauseReason is { } reason)
                    {
                        Say($"{label}: paused: {reason}");
                    }
                    break;
                }
                await Task.Delay(1000, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Reported below.
        }
        finally
        {
            await done.CancelAsync();
            await progress;
        }
        if (stop.IsCancellationRequested)
        {
            var (n, waiting) = await CountAsync(app, campaign);
            Say($"{label}: gave up after {limit.TotalMinutes:F0} min with {n} sent and {waiting} waiting");
        }
        return sent;
    }

    private static Task<(int Sent, int Waiting)> CountAsync(
        WebApplicationFactory<NewsletterSender> app, int campaign) =>
        WithDbAsync(app, async db =>
        {
            var rows = await db.NewsletterRecipients.Where(r => r.CampaignId == campaign)
                .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var sent = rows.Where(r => r.Key == RecipientStatus.Sent).Sum(r => r.Count);
            var waiting = rows.Where(r =>
                r.Key is RecipientStatus.Pending or RecipientStatus.Claimed or RecipientStatus.InFlight)
                .Sum(r => r.Count);
            return (sent, waiting);
        });

    /// <summary>
    /// Deletes what this run delivered to the test inbox, so that the shared test mailbox does not grow
    /// run after run.
    /// </summary>
    private static async Task RemoveDeliveredAsync(string host, int port, string tag)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync("inbox@mail.test", Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = await client.Inbox.SearchAsync(SearchQuery.SubjectContains(tag));
        if (uids.Count > 0)
        {
            await client.Inbox.AddFlagsAsync(uids, MessageFlags.Deleted, true);
            await client.Inbox.ExpungeAsync();
        }
        await client.DisconnectAsync(true);
    }

    private static (string Host, int Port) Endpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";

    /// <summary>Checks the DKIM signatures of a sample of what arrived in the inbox with Debian's python3-dkim (key
    /// given directly).</summary>
    private static async Task<int> VerifySampleAsync(
        string host, int port, string subject, int sample, string txt, string dir, CancellationToken ct)
    {
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None, ct);
        await client.AuthenticateAsync("inbox@mail.test", Password, ct);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
        var uids = (await client.Inbox.SearchAsync(SearchQuery.SubjectContains(subject), ct)).Take(sample).ToList();
        var files = new List<string>();
        foreach (var uid in uids)
        {
            var file = Path.Combine(dir, $"{uid.Id}.eml");
            var message = await client.Inbox.GetMessageAsync(uid, ct);
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await using (var stream = File.Create(file))
            {
                await message.WriteToAsync(format, stream, ct);
            }
            files.Add(file);
        }
        await client.DisconnectAsync(true, ct);
        var script = "import sys, dkim\nkey = sys.argv[1].encode()\nn = 0\nfor f in sys.argv[2:]:\n"
            + "    n += 1 if dkim.verify(open(f, 'rb').read(), dnsfunc=lambda name, timeout=5: key) else 0\nprint(n)\n";
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(txt);
        files.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return int.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
    }
}
