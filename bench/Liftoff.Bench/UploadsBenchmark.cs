using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>
/// Hostile uploads (each at most 10 MB) posted over loopback HTTP to every import form of the app,
/// hosted in this process on Kestrel: the memory each one costs the process and the time until its
/// refusal. Memory is the peak resident set (VmHWM in /proc/self/status) after resetting it to the
/// current resident set by writing 5 to /proc/self/clear_refs, minus the resident set measured right
/// after that reset and a forced full GC; the client's copy of the file lives in the same process, so
/// the figure is an upper bound for the server alone. Pages the GC kept from earlier work can hide
/// growth, so the managed bytes allocated during the request (client and server) are printed beside it.
/// </summary>
public sealed partial class UploadsBenchmark : IBenchmark
{
    public string Name => "uploads";

    public string Usage => "[--provider sqlite|postgres] [--connection <postgres server connection string>]";

    private static readonly (string Page, string Handler, string Field, Dictionary<string, string> Fields)[] CsvForms =
    [
        ("/Backlog/Import", "Upload", "upload", []),
        ("/Backlog/Survey", "Preview", "Upload", []),
        ("/Communications/Contacts", "Import", "file", new() { ["listName"] = "Bench",
            ["importAudience"] = "Customers" }),
        ("/Support/Import", "Preview", "Upload", []),
    ];

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        await using var database = BenchDatabase.Create(a);
        await using var host = database.CreateApp<BacklogImporter>(b => b.UseSetting("Backlog:RunImportsInBackground",
            "false"));
        host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var baseUrl = addresses.Addresses.First().TrimEnd('/');
        using var client = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer()
        })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        await SignInAsync(host.Services, client);

        var clock = Stopwatch.StartNew();
        var files = new List<(string Name, byte[] Content, string Kind)>
        {
            ("xlsx-20m-rows", HostileUploads.XlsxWithRows(20_000_000), "xlsx"),
            ("xlsx-1m-rows", HostileUploads.XlsxWithRows(1_000_000), "xlsx"),
            ("xlsx-1gib-cell", HostileUploads.XlsxWithHugeCell(1024 * 1024 * 1024), "xlsx"),
            ("xlsx-90mb-cell", HostileUploads.XlsxWithHugeCell(90 * 1024 * 1024), "xlsx"),
            ("csv-1m-columns", HostileUploads.CsvWithColumns(1_000_000), "csv"),
            ("csv-700k-rows", HostileUploads.CsvWithRows("email", 700_000, i => $"c{i}@e.io"), "csv"),
            ("csv-1.1m-rows", HostileUploads.CsvWithRows("email", 1_100_000, _ => "1"), "csv"),
            ("csv-9mb-cell", HostileUploads.CsvWithRows("email", 1, _ => new string('x', 9 * 1024 * 1024)), "csv"),
        };
        if (files.Max(f => f.Content.Length) > 10 * 1024 * 1024)
        {
            throw new InvalidOperationException("every hostile file is meant to be at most 10 MB");
        }
        Console.WriteLine($"made {files.Count} files in {clock.Elapsed.TotalSeconds:0.0} s on {database.Provider}");

        double maxGrowth = 0, maxSeconds = 0;
        var serverErrors = 0;
        foreach (var (name, content, kind) in files)
        {
            var forms = kind == "xlsx" ? CsvForms[..1] : CsvForms;
            foreach (var (page, handler, field, fields) in forms)
            {
                var (status, seconds, growth, allocated, refused) = await PostAsync(client, page, handler, field,
                    fields, name, content);
                serverErrors += status >= 500 ? 1 : 0;
                maxGrowth = Math.Max(maxGrowth, growth);
                maxSeconds = Math.Max(maxSeconds, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-15} {content.Length / (1024.0 * 1024),6:0.00} MB -> {page,-25} {status} " +
                    $"{(refused ? "refused" : "NOT REFUSED"),-11} {seconds,6:0.000} s " +
                    $"rss +{growth,5:0.0} MB, allocated {allocated,6:0.0} MB"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"max_rss_growth_mb={maxGrowth:0.0} max_seconds={maxSeconds:0.000} server_errors={serverErrors}"));
        return 0;
    }

    private static async Task<(int Status, double Seconds, double GrowthMb, double AllocatedMb,
        bool Refused)> PostAsync(
        HttpClient client, string page, string handler, string field, Dictionary<string, string> fields, string name,
            byte[] content)
    {
        var form = await client.GetStringAsync(page);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(TokenPattern().Match(form).Groups[1].Value), "__RequestVerificationToken" },
        };
        foreach (var (k, v) in fields)
        {
            body.Add(new StringContent(v), k);
        }
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(part, field, name);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        var before = StatusKb("VmRSS");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync($"{page}?handler={handler}", body);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = StatusKb("VmHWM");
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var refused = RefusalPattern().IsMatch(html);
        return ((int)response.StatusCode, seconds, Math.Max(0, peak - before) / 1024.0, allocated / (1024.0 * 1024),
            refused);
    }

    private static long StatusKb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"{field} not in /proc/self/status");
    }

    private static async Task SignInAsync(IServiceProvider services, HttpClient client)
    {
        var password = DemoSeeder.GeneratePassword();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = "uploads@liftoff.local",
                Email = "uploads@liftoff.local",
                DisplayName = "Bench",
                EmailConfirmed = true
            };
            await users.CreateAsync(user, password);
            await users.AddToRoleAsync(user, Roles.Admin);
        }
        var signIn = await client.GetStringAsync("/Account/SignIn");
        var fields = new Dictionary<string, string>
        {
            ["Email"] = "uploads@liftoff.local",
            ["Password"] = password,
            ["__RequestVerificationToken"] = TokenPattern().Match(signIn).Groups[1].Value,
        };
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("the limit|more than [0-9,]+ (rows|columns)|longer than|Nothing was imported")]
    private static partial Regex RefusalPattern();
}
