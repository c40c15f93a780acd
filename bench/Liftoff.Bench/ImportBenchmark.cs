using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Similarity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

/// <summary>
/// The backlog import end to end on a throwaway database: a synthetic workbook (one tab per area,
/// organisations, contacts, dates, statuses, titles repeated by several requestors, some requests
/// already stored) is parsed, dry-run, written by the background job's worker, embedded for the
/// similar-request search and imported a second time, which must create nothing.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    private static readonly string[] Tabs = ["Wizard", "Mobile", "Cloud"];
    private static readonly string[] Statuses = ["New", "Under review", "Planned", "In development", "Released",
        "Declined", ""];
    private static readonly string[] Words =
    [
        "survey", "report", "export", "flight", "plan", "map", "offline", "sensor", "battery", "mission",
            "camera", "lidar",
        "upload", "sync", "account", "licence", "install", "update", "backup", "project", "layer", "marker", "route",
        "weather", "altitude", "speed", "photo", "video", "grid", "checklist", "pilot", "fleet", "terrain", "waypoint",
    ];

    public string Name => "import";

    public string Usage => "[--rows N] [--postgres <server connection string>] [--provider sqlite|postgres] " +
        "[--connection <server connection string>]";

    public async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args);
        var rows = a.Number("rows", 10_000);
        if (a.Optional("postgres") is { } server)
        {
            a = new BenchArgs(["--provider", "postgres", "--connection", server]);
        }
        await using var database = BenchDatabase.Create(a);
        await using var host = database.CreateApp<BacklogImporter>();
        // The benchmark drives the worker itself, so its time is the write alone.
        await using var app = host.WithWebHostBuilder(b => b.UseSetting("Backlog:RunImportsInBackground", "false"));
        var services = app.Services;
        var engine = services.GetRequiredService<SimilarRequestEngine>();
        var runner = services.GetRequiredService<ImportJobRunner>();
        engine.Embed("warm up the model", null);

        var random = new Random(7);
        var requests = Requests(rows, random);
        var existing = await SeedExistingAsync(services, requests);
        var content = Workbook(requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workbook: {rows:N0} rows in {Tabs.Length} tabs, {requests.Count:N0} requests ({existing:N0} already " +
                $"stored), {content.Length / 1024.0:N0} KB, on {database.Provider}"));

        // The first reads in a process include compiling the reader; a running server has done that already (best of
        // three after it).
        var clock = Stopwatch.StartNew();
        ImportSheetReader.Read(content);
        var coldParseMs = clock.Elapsed.TotalMilliseconds;
        var parseMs = double.MaxValue;
        var file = ImportSheetReader.Read(content);
        for (var i = 0; i < 3; i++)
        {
            clock.Restart();
            file = ImportSheetReader.Read(content);
            parseMs = Math.Min(parseMs, clock.Elapsed.TotalMilliseconds);
        }
        if (file.Error is not null || file.RowCount != rows)
        {
            Console.Error.WriteLine($"the workbook did not read back: {file.Error} ({file.RowCount} rows)");
            return 1;
        }
        var id = await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>()
            .UploadAsync("bench.xlsx", content, null)).ContinueWith(t => t.Result.Value);

        clock.Restart();
        var plan = (await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>().PreviewAsync(id)))!;
        var dryRunMs = clock.Elapsed.TotalMilliseconds;
        if (!plan.Succeeded)
        {
            Console.Error.WriteLine("dry run failed: " + string.Join("; ", plan.Errors.Take(5)));
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: {parseMs:N0} ms (first in the process {coldParseMs:N0} ms); dry run (read + plan): " +
                $"{dryRunMs:N0} ms -> {plan.NewRequests:N0} new requests, {plan.MatchedRequests:N0} matched, " +
                $"{plan.NewVotes:N0} requestors, {plan.NewOrganisations.Count} organisations, " +
                $"{plan.NewContacts.Count:N0} contacts"));

        clock.Restart();
        var queued = await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>().QueueAsync(id));
        var queueMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await runner.RunAsync(id);
        var importMs = clock.Elapsed.TotalMilliseconds;
        var status = (await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>().StatusAsync(id)))!;
        if (!queued.IsOk || status.Status != BacklogImportStatus.Imported || status.ProcessedRows != rows)
        {
            Console.Error.WriteLine($"import did not finish: {queued.Message} {status.Status} " +
                $"{status.ProcessedRows}/{status.TotalRows} {status.Summary}");
            return 1;
        }
        var rowsPerSecond = rows / (importMs / 1000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: queue (read + dry run) {queueMs:N0} ms, write {importMs:N0} ms = {rowsPerSecond:N0} rows/s; " +
                $"{status.Summary}"));

        clock.Restart();
        ImportProgress progress;
        do
        {
            await engine.SyncAsync();
            progress = await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>().ProgressAsync(id));
        }
        while (!progress.Done);
        var indexMs = clock.Elapsed.TotalMilliseconds;
        var indexPerSecond = progress.Requests / (indexMs / 1000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"similar-request index: {progress.Requests:N0} new requests embedded in {indexMs / 1000:N1} s = " +
                $"{indexPerSecond:N0} requests/s"));

        var before = await CountsAsync(services);
        var again = await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>()
            .UploadAsync("bench-again.xlsx", content, null)).ContinueWith(t => t.Result.Value);
        clock.Restart();
        await Scoped(services, sp => sp.GetRequiredService<BacklogImporter>().QueueAsync(again));
        await runner.RunAsync(again);
        var reimportMs = clock.Elapsed.TotalMilliseconds;
        var after = await CountsAsync(services);
        var created = after.Requests - before.Requests + (after.Votes - before.Votes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"re-import: {reimportMs:N0} ms, {after.Requests - before.Requests} requests and " +
                $"{after.Votes - before.Votes} requestors created"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"provider={database.Provider} rows={rows} file_kb={content.Length / 1024} parse_ms={parseMs:0} " +
                $"dryrun_ms={dryRunMs:0} import_ms={importMs:0} rows_per_s={rowsPerSecond:0} " +
                $"index_per_s={indexPerSecond:0} reimport_created={created}"));
        return created == 0 ? 0 : 1;
    }

    internal sealed record BenchRequest(string Tab, string Title, string Description, string Status,
        List<(int Org, int Person)> Requestors);

    /// <summary>Requests with one to three requestors each (distinct organisations) until the rows are used
    /// up.</summary>
    internal static List<BenchRequest> Requests(int rows, Random random)
    {
        var list = new List<BenchRequest>();
        var used = 0;
        for (var i = 0; used < rows; i++)
        {
            var count = Math.Min(rows - used, 1 + random.Next(3));
            var orgs = Enumerable.Range(0, 200).OrderBy(_ => random.Next()).Take(count).ToList();
            var title = $"{Capital(Word(random))} {Word(random)} {Word(random)} for {Word(random)} {i}";
            var description = string.Join(' ', Enumerable.Range(0, 20 + random.Next(40)).Select(_ => Word(random)));
            list.Add(new BenchRequest(Tabs[i % Tabs.Length], title, description, Statuses[i % Statuses.Length],
                orgs.Select(o => (o, random.Next(3))).ToList()));
            used += count;
        }
        return list;

        static string Word(Random random) => Words[random.Next(Words.Length)];
        static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }

    /// <summary>One request in twenty is already in the backlog (same area and title): the import adds only its
    /// requestors.</summary>
    private static async Task<int> SeedExistingAsync(IServiceProvider services, List<BenchRequest> requests) =>
        await Scoped(services, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var areas = Tabs.Select(t => new ProductArea { Name = t }).ToList();
            db.ProductAreas.AddRange(areas);
            var now = DateTimeOffset.UtcNow;
            var seeded = requests.Where((_, i) => i % 20 == 0).ToList();
            db.FeatureRequests.AddRange(seeded.Select(r => new FeatureRequest
            {
                Title = r.Title,
                Description = r.Description,
                Area = areas.First(a => a.Name == r.Tab),
                Status = FeatureRequestStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
            return seeded.Count;
        });

    internal static byte[] Workbook(List<BenchRequest> requests)
    {
        using var book = new XLWorkbook();
        foreach (var tab in Tabs)
        {
            var sheet = book.Worksheets.Add(tab);
            string[] header = ["Feature", "Details", "Requested by", "Contact", "E-mail", "Date", "Status"];
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(header[c]);
            }
            var row = 2;
            var day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            foreach (var r in requests.Where(r => r.Tab == tab))
            {
                foreach (var (org, person) in r.Requestors)
                {
                    sheet.Cell(row, 1).SetValue(r.Title);
                    sheet.Cell(row, 2).SetValue(r.Description);
                    sheet.Cell(row, 3).SetValue($"Organisation {org:000}");
                    sheet.Cell(row, 4).SetValue($"Person {person} of {org:000}");
                    sheet.Cell(row, 5).SetValue($"person{person}@org{org:000}.example");
                    sheet.Cell(row, 6).SetValue(day.AddDays(row % 700));
                    sheet.Cell(row, 7).SetValue(r.Status);
                    row++;
                }
            }
        }
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static async Task<(int Requests, int Votes)> CountsAsync(IServiceProvider services) =>
        await Scoped(services, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.FeatureRequests.CountAsync(), await db.RequestVotes.CountAsync());
        });

    private static async Task<T> Scoped<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
