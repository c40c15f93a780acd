using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>
/// Server time of the dashboard and of one release timeline with 200 active releases and 5,000
/// tasks, the app hosted in process and requests timed end to end (no network in between).
/// </summary>
public sealed partial class RolloutBenchmark : IBenchmark
{
    private const int Releases = 200;
    private const int TasksPerRelease = 25;

    public string Name => "rollout";

    public string Usage =>
        "[--provider sqlite|postgres] [--connection <postgres server connection string>] [--requests N]";

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        await using var database = BenchDatabase.Create(a);
        var provider = database.Provider;
        var requests = a.Number("requests", 200);
        await using var app = database.CreateApp<ReleaseQueries>();
        var seedClock = Stopwatch.StartNew();
        var (email, password, timelineId, taskCount) = await SeedAsync(app.Services);
        Console.WriteLine(
            $"seeded {Releases} releases, {taskCount} tasks on {provider} in {seedClock.Elapsed.TotalSeconds:0.0} s");

        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true
        });
        var signIn = await client.GetStringAsync("/Account/SignIn");
        var token = TokenPattern().Match(signIn).Groups[1].Value;
        var response = await client.PostAsync("/Account/SignIn",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["__RequestVerificationToken"] = token,
            }));
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }

        var dashboard = await MeasureAsync(client, "/", requests);
        var timeline = await MeasureAsync(client, $"/Releases/{timelineId}", requests);
        Report("dashboard", dashboard);
        Report("timeline", timeline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"releases={Releases} tasks={taskCount} dashboard_p95_ms={Stats.Percentile(dashboard, 95):0.0} " +
                $"timeline_p95_ms={Stats.Percentile(timeline, 95):0.0}"));
        return 0;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string path, int requests)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
        // CPU time of this process per request: less sensitive than wall time to other work on the machine.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: cpu={(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / requests:0.00} " +
            $"ms per request"));
        return times;
    }

    private static void Report(string name, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={times.Count} median={Stats.Percentile(times, 50):0.0} ms " +
                $"p95={Stats.Percentile(times, 95):0.0} ms max={times.Max():0.0} ms"));

    /// <summary>200 active releases planned from the default playbook, topped up with extra steps to 25 tasks
    /// each.</summary>
    private static async Task<(string Email, string Password, int TimelineId, int Tasks)> SeedAsync(
        IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var password = DemoSeeder.GeneratePassword();
        var user = new AppUser
        {
            UserName = "bench@liftoff.local",
            Email = "bench@liftoff.local",
            DisplayName = "Bench",
            EmailConfirmed = true
        };
        await users.CreateAsync(user, password);
        await users.AddToRoleAsync(user, Roles.Staff);

        var db = sp.GetRequiredService<AppDbContext>();
        var playbook = DefaultPlaybook.Create();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var random = new Random(7);
        var tasks = 0;
        for (var i = 0; i < Releases; i++)
        {
            var date = today.AddDays(-20 + (i * 2));
            var release = new ReleaseEntity
            {
                Product = ProductKind.Software,
                Version = $"bench.{i}",
                Name = $"Bench release {i}",
                PlannedDate = date,
                SignificantChanges = i % 2 == 0,
                Status = i % 3 == 0 ? ReleaseStatus.InProgress : ReleaseStatus.Planned,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var planned = RolloutScheduler.Instantiate(RolloutMapping.ToDomain(release), playbook,
                WorkingCalendar.MondayToFriday).Value!;
            var all = planned.ToList();
            for (var extra = 0; all.Count < TasksPerRelease; extra++)
            {
                all.Add(RolloutScheduler.Place(new RolloutTask
                {
                    StepKey = $"extra-{extra}",
                    Name = $"Extra preparation {extra}",
                    Owners = [StepOwner.Team(DefaultPlaybook.DeliveryTeam)],
                    OffsetDays = random.Next(-40, 20),
                    DurationDays = random.Next(0, 4),
                    DueDate = default,
                }, date, WorkingCalendar.MondayToFriday));
            }
            foreach (var task in all)
            {
                var entity = new RolloutTaskEntity();
                RolloutMapping.CopyTo(task, entity);
                if (task.DueDate < today && random.Next(3) > 0)
                {
                    entity.Status = RolloutTaskStatus.Done;
                }
                release.Tasks.Add(entity);
            }
            tasks += all.Count;
            db.Releases.Add(release);
            if (i % 50 == 49)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        var timelineId = db.Releases.Where(r => r.Version == "bench.10").Select(r => r.Id).First();
        return (user.Email!, password, timelineId, tasks);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
