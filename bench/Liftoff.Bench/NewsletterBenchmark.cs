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

/// <summary>
/// Sends a newsletter to a loopback SMTP server and reports messages per second with throttling off;
/// then kills the sending process (SIGKILL) at a random point, restarts it and compares what the
/// server received with the ledger. On PostgreSQL the crash check runs again with two sender processes.
/// </summary>
public sealed partial class NewsletterBenchmark : IBenchmark
{
    private const int LeaseSeconds = 3;

    public string Name => "newsletter";

    public string Usage =>
        "[--recipients 20000] [--connections 4] [--provider sqlite|postgres --connection \"Host=...;Username=...\"] " +
            "[--seed N] [--throughput-only]";

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        if (a.Optional("worker") is not null)
        {
            return await WorkerAsync(a);
        }
        var recipients = a.Number("recipients", 20_000);
        var connections = a.Number("connections", 4);
        var random = new Random(a.Number("seed", Environment.TickCount));
        await using var database = BenchDatabase.Create(a);
        var postgres = database.Provider == "postgres";
        var (provider, connectionString) = (database.Provider, database.ConnectionString);
        await using var smtp = new CountingSmtpServer();
        await using var host = new BenchHost(database, smtp.Port, connections);
        await SeedAsync(host, recipients);

        // 1. Throughput, in process, throttling off.
        var campaign = await ScheduleAsync(host, "Throughput");
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await host.Sender.RunOnceAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        var first = await CheckAsync(host, smtp, campaign, connections, 0);
        // What the server accepted, not what the sender counted: the figure cannot flatter itself.
        var sent = smtp.CountFor(campaign);
        var rate = sent / seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {sent} messages in {seconds:F1} s = {rate:F0} msgs/s over {connections} connections " +
                $"({provider}); duplicates={first.Duplicates} missing={first.Missing} uncertain={first.Uncertain}"));
        // The machine is shared: CPU time of this process (sender, database client and SMTP server together) shows what
        // two free cores would do.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu: {cpu:F1} s for {sent} messages = {sent / cpu:F0} msgs per CPU-second, i.e. about " +
                $"{2 * sent / cpu:F0} msgs/s with 2 free cores; load average {LoadAverage()}"));

        if (a.Optional("throughput-only") is not null)
        {
            return first.Duplicates == 0 && first.Missing == 0 ? 0 : 1;
        }

        // 2. Crash check: one sender process killed at a random point and restarted.
        var crash = await CrashCheckAsync(host, smtp, provider, connectionString, connections, recipients, random,
            workers: 1);
        Console.WriteLine(
            $"crash check (1 process): killed after {crash.KilledAt} received; duplicates={crash.Duplicates} " +
                $"missing={crash.Missing} uncertain={crash.Uncertain} (limit {connections})");
        var total = crash;
        if (postgres)
        {
            var two = await CrashCheckAsync(host, smtp, provider, connectionString, connections, recipients, random,
                workers: 2);
            Console.WriteLine(
                $"crash check (2 processes, one killed): killed after {two.KilledAt} received; " +
                $"duplicates={two.Duplicates} missing={two.Missing} uncertain={two.Uncertain} " +
                $"(limit {connections})");
            total = new CheckResult(two.KilledAt, crash.Duplicates + two.Duplicates, crash.Missing + two.Missing,
                crash.Uncertain + two.Uncertain, crash.Ok && two.Ok);
        }
        var ok = first.Duplicates == 0 && first.Missing == 0 && total.Ok;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recipients={recipients} msgs_per_s={rate:F0} duplicates={first.Duplicates + total.Duplicates} " +
                $"missing={first.Missing + total.Missing} uncertain={total.Uncertain}"));
        return ok ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";

    private sealed record CheckResult(int KilledAt, int Duplicates, int Missing, int Uncertain, bool Ok);

    private static async Task<CheckResult> CrashCheckAsync(BenchHost host, CountingSmtpServer smtp, string provider,
        string connectionString, int connections, int recipients, Random random, int workers)
    {
        var campaign = await ScheduleAsync(host, $"Crash check with {workers} process(es)");
        var killAt = random.Next(recipients / 10, recipients * 7 / 10);
        var processes = Enumerable.Range(0, workers).Select(_ =>
            StartWorker(provider, connectionString, smtp.Port, connections, campaign)).ToList();
        while (smtp.CountFor(campaign) < killAt && !processes[0].HasExited)
        {
            await Task.Delay(5);
        }
        var killedAt = smtp.CountFor(campaign);
        processes[0].Kill();
        await processes[0].WaitForExitAsync();
        processes[0] = StartWorker(provider, connectionString, smtp.Port, connections, campaign);
        foreach (var p in processes)
        {
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"sender process exited with {p.ExitCode}");
            }
        }
        var result = await CheckAsync(host, smtp, campaign, connections, killedAt);
        return result;
    }

    private static async Task<CheckResult> CheckAsync(BenchHost host, CountingSmtpServer smtp, int campaign,
        int connections, int killedAt)
    {
        await Task.Delay(200);
        var ledger = await host.WithDbAsync(db => db.NewsletterRecipients.AsNoTracking()
            .Where(r => r.CampaignId == campaign)
            .Select(r => new { r.Id, r.Status, r.Attempts, r.LastError }).ToListAsync());
        var received = smtp.Received(campaign);
        var ids = ledger.Select(r => r.Id).ToHashSet();
        var duplicates = received.Count(r => r.Value > 1);
        var uncertain = ledger.Where(r => r.Status == RecipientStatus.InFlight).ToList();
        var missing = ledger.Where(r => r.Status != RecipientStatus.InFlight && !received.ContainsKey(r.Id)).ToList();
        var phantom = received.Keys.Count(id => !ids.Contains(id));
        // Name the rows behind any count that is not zero, so a failure can be understood from the output alone.
        foreach (var r in uncertain.Concat(missing).Take(12))
        {
            Console.WriteLine(
                $"  row {r.Id}: {r.Status}, attempts {r.Attempts}, received {received.GetValueOrDefault(r.Id)}, last " +
                    $"error: {r.LastError ?? "none"}");
        }
        return new CheckResult(killedAt, duplicates, missing.Count + phantom, uncertain.Count,
            duplicates == 0 && missing.Count + phantom == 0 && uncertain.Count <= connections);
    }

    private static Process StartWorker(string provider, string connectionString, int smtpPort, int connections,
        int campaign)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(NewsletterBenchmark).Assembly.Location);
        }
        foreach (var arg in new[] { "newsletter", "--worker", "--provider", provider, "--connection", connectionString,
            "--smtp-port", smtpPort.ToString(CultureInfo.InvariantCulture),
                     "--connections", connections.ToString(CultureInfo.InvariantCulture), "--campaign",
                         campaign.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>The sending process: sends until the campaign is complete (claims left by a killed process return after
    /// their lease).</summary>
    private static async Task<int> WorkerAsync(BenchArgs a)
    {
        var campaign = a.Number("campaign", 0);
        await using var database = BenchDatabase.Existing(a.Required("provider"), a.Required("connection"));
        await using var host = new BenchHost(database, a.Number("smtp-port", 25), a.Number("connections", 4));
        while (true)
        {
            await host.Sender.RunOnceAsync();
            var status = await host.WithDbAsync(db => db.NewsletterCampaigns.Where(c => c.Id == campaign)
                .Select(c => c.Status).FirstAsync());
            if (status is CampaignStatus.Completed or CampaignStatus.Paused)
            {
                return status == CampaignStatus.Completed ? 0 : 3;
            }
            await Task.Delay(250);
        }
    }

    private static async Task SeedAsync(BenchHost host, int recipients)
    {
        await host.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var start = 0; start < recipients; start += 5000)
            {
                for (var i = start; i < Math.Min(recipients, start + 5000); i++)
                {
                    var email = string.Create(CultureInfo.InvariantCulture, $"reader{i:D6}@bench.example");
                    db.Contacts.Add(new Contact
                    {
                        Email = email,
                        NormalizedEmail = email,
                        Name = $"Reader {i}",
                        Audience = i % 3 == 0 ? Audience.Customers : Audience.Resellers,
                        Consent = true,
                        CreatedAt = now
                    });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            return 0;
        });
    }

    private static async Task<int> ScheduleAsync(BenchHost host, string subject)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<NewsletterCampaigns>();
        var sending = scope.ServiceProvider.GetRequiredService<NewsletterSending>();
        var created = await campaigns.CreateAsync(new CampaignInput($"{subject}: release 5.2", CampaignAudience.Both,
            "# Release 5.2\n\nFor **resellers**: new partner reports, faster exports.\n\n- item one\n- item two\n",
            "# Release 5.2\n\nWhat this means for **customers**: exports are faster.\n", null), null);
        var scheduled = await sending.ScheduleAsync(created.Value!.Id, null);
        if (!scheduled.IsOk)
        {
            throw new InvalidOperationException(scheduled.Message);
        }
        return created.Value.Id;
    }
}
