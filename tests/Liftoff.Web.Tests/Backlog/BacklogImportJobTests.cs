using System.Net;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Organisations;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>The app with batches of two rows and no background worker: each test drives the workers itself.</summary>
public sealed class ImportJobFactory : LiftoffFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Backlog:ImportBatchSize", "2");
        builder.UseSetting("Backlog:RunImportsInBackground", "false");
    }
}

public sealed class BacklogImportJobTests(ImportJobFactory factory) : IClassFixture<ImportJobFactory>
{
    private sealed record Counts(int Requests, int Votes, int Organisations, int Contacts, int Sources);

    private static string U() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Seven rows, five requests; two requests have two requestors each (rows of one request stay in one
    /// batch).</summary>
    private static byte[] Sheet(string u) => BacklogSheets.Xlsx(
        ($"Jobs {u}", [
            [$"Alpha {u}", "First.", $"Org A {u}", "Ann", $"ann-{u}@a.example", "2025-01-02", "", ""],
            [$"Alpha {u}", "", $"Org B {u}", "Bo", $"bo-{u}@b.example", "", "", ""],
            [$"Bravo {u}", "", $"Org A {u}", "Ann", $"ann-{u}@a.example", "", "Planned", ""],
            [$"Charlie {u}", "", $"Org B {u}", "", "", "", "", ""],
            [$"Delta {u}", "", $"Org C {u}", "Cy", $"cy-{u}@c.example", "", "", ""],
            [$"Delta {u}", "", $"Org A {u}", "", "", "", "", ""],
            [$"Echo {u}", "", $"Org C {u}", "Cy", $"cy-{u}@c.example", "", "", ""],
        ]));

    private Task<Counts> CountAsync(string u) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return new Counts(
            await db.FeatureRequests.CountAsync(r => r.Title.EndsWith(u)),
            await db.RequestVotes.CountAsync(v => v.Organisation!.Name.EndsWith(u)),
            await db.Organisations.CountAsync(o => o.Name.EndsWith(u)),
            await db.Contacts.CountAsync(c => c.NormalizedEmail.Contains(u)),
            await db.FeatureRequestSources.CountAsync(s => s.SourceKey.Contains(u)));
    });

    private Task ExpireLeaseAsync(long id) => factory.WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().BacklogImports.Where(i => i.Id == id).ExecuteUpdateAsync(u =>
            u.SetProperty(i => i.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1))));

    private ImportJobRunner AnotherInstance() => ActivatorUtilities.CreateInstance<ImportJobRunner>(factory.Services);

    [Fact]
    public async Task Job_SmallBatches_WritesEveryRowAndProcessedRowsReachesTotalRows()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, Sheet(u));
        var queued = await BacklogSheets.QueueAsync(factory, id);

        var run = await factory.Services.GetRequiredService<ImportJobRunner>().RunPendingAsync();

        Assert.True(queued.IsOk && queued.Value!.Succeeded);
        Assert.Equal(1, run);
        var status = await BacklogSheets.StatusAsync(factory, id);
        Assert.Equal((BacklogImportStatus.Imported, 7, 7), (status.Status, status.ProcessedRows, status.TotalRows));
        Assert.Equal(new Counts(5, 7, 3, 3, 5), await CountAsync(u));
        Assert.Contains("5 new requests, 7 requestors from 7 rows", status.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_AfterOneBatch_ShowsTheCommittedRowsOnly()
    {
        var u = U();
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var id = await BacklogSheets.UploadAsync(factory, Sheet(u));
        await BacklogSheets.QueueAsync(factory, id);
        var queuedHtml = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Backlog/Import?handler=Progress&id={id}"));

        // The worker stops after its first batch (two rows of "Alpha") and keeps its lease, as a stopped instance
        // would.
        await factory.Services.GetRequiredService<ImportJobRunner>().RunAsync(id, maxBatches: 1);
        var html = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Backlog/Import?handler=Progress&id={id}"));
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Backlog/Import?id={id}"));

        Assert.Contains("Writing rows: 0 of 7", queuedHtml, StringComparison.Ordinal);
        Assert.Contains("Writing rows: 2 of 7", html, StringComparison.Ordinal);
        Assert.Contains("<progress max=\"7\" value=\"2\">", html, StringComparison.Ordinal);
        Assert.Contains("hx-trigger=\"every 1s\"", html, StringComparison.Ordinal);
        Assert.Contains("Writing rows: 2 of 7", page, StringComparison.Ordinal);
        Assert.Equal(new Counts(1, 2, 2, 2, 1), await CountAsync(u));
        Assert.Equal(BacklogImportStatus.Importing, (await BacklogSheets.StatusAsync(factory, id)).Status);
    }

    [Fact]
    public async Task Job_LeaseExpired_AnotherInstanceResumesAndCreatesNothingTwice()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, Sheet(u));
        await BacklogSheets.QueueAsync(factory, id);
        var first = factory.Services.GetRequiredService<ImportJobRunner>();
        var second = AnotherInstance();
        await first.RunAsync(id, maxBatches: 2);

        var whileLeased = await second.RunPendingAsync();
        var afterFirstRuns = await CountAsync(u);
        await ExpireLeaseAsync(id);
        var resumed = await second.RunPendingAsync();
        var firstAgain = await first.RunAsync(id);

        Assert.Equal(0, whileLeased);
        Assert.Equal(new Counts(3, 4, 2, 2, 3), afterFirstRuns);
        Assert.Equal(1, resumed);
        Assert.False(firstAgain);
        var status = await BacklogSheets.StatusAsync(factory, id);
        Assert.Equal((BacklogImportStatus.Imported, 7), (status.Status, status.ProcessedRows));
        Assert.Equal(new Counts(5, 7, 3, 3, 5), await CountAsync(u));
    }

    [Fact]
    public async Task Job_TwoInstancesAtOnce_ImportOnce()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, Sheet(u));
        await BacklogSheets.QueueAsync(factory, id);

        var runs = await Task.WhenAll(factory.Services.GetRequiredService<ImportJobRunner>().RunPendingAsync(),
            AnotherInstance().RunPendingAsync());

        Assert.Equal(1, runs.Sum());
        Assert.Equal(new Counts(5, 7, 3, 3, 5), await CountAsync(u));
    }

    [Fact]
    public async Task Job_TwoUploadsOfTheSameFileWrittenAtOnce_StoreEachRequestAndRequestorOnce()
    {
        var u = U();
        var sheet = Sheet(u);
        var a = await BacklogSheets.UploadAsync(factory, sheet);
        var b = await BacklogSheets.UploadAsync(factory, sheet);
        await BacklogSheets.QueueAsync(factory, a);
        await BacklogSheets.QueueAsync(factory, b);

        // Both plans are made before either writes, so batches meet rows the other import stored and are planned again.
        await Task.WhenAll(factory.Services.GetRequiredService<ImportJobRunner>().RunAsync(a), AnotherInstance()
            .RunAsync(b));

        Assert.Equal(BacklogImportStatus.Imported, (await BacklogSheets.StatusAsync(factory, a)).Status);
        Assert.Equal(BacklogImportStatus.Imported, (await BacklogSheets.StatusAsync(factory, b)).Status);
        Assert.Equal(new Counts(5, 7, 3, 3, 5), await CountAsync(u));
    }

    [Fact]
    public async Task Queue_FailedDryRun_QueuesNothingAndWritesNothing()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Xlsx(($"Bad {u}", [
            [$"Fine {u}", "", $"Org {u}", "", "", "", "", ""],
            [$"Odd {u}", "", $"Org {u}", "", "", "", "Someday", ""],
        ])));

        var outcome = await BacklogSheets.QueueAsync(factory, id);
        var run = await factory.Services.GetRequiredService<ImportJobRunner>().RunPendingAsync();

        Assert.False(outcome.Value!.Succeeded);
        Assert.Equal(3, Assert.Single(outcome.Value.Errors).Row);
        Assert.Equal(0, run);
        Assert.Equal(BacklogImportStatus.Uploaded, (await BacklogSheets.StatusAsync(factory, id)).Status);
        Assert.Equal(new Counts(0, 0, 0, 0, 0), await CountAsync(u));
    }

    [Fact]
    public async Task Job_RowsTurnBadMidway_FailsKeepingWrittenRows_AndImportAgainAddsTheRest()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, Sheet(u));
        await BacklogSheets.QueueAsync(factory, id);
        await factory.Services.GetRequiredService<ImportJobRunner>().RunAsync(id, maxBatches: 1);
        // Meanwhile someone records Cy as a contact of another organisation: "Delta" and "Echo" can no longer be
        // imported as planned.
        var other = await factory.CreateOrganisationAsync($"Other {u}");
        await factory.WithScopeAsync(sp => sp.GetRequiredService<OrganisationAdministration>()
            .AddContactAsync(other, new($"cy-{u}@c.example", "Cy")));
        await ExpireLeaseAsync(id);

        await AnotherInstance().RunPendingAsync();
        var failed = await BacklogSheets.StatusAsync(factory, id);
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/Backlog/Import?id={id}"));
        var refused = await BacklogSheets.QueueAsync(factory, id);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c =>
            c.NormalizedEmail == $"cy-{u}@c.example").ExecuteDeleteAsync());
        var again = await BacklogSheets.QueueAsync(factory, id);
        var done = await BacklogSheets.WaitForImportAsync(factory, id);

        Assert.Equal((BacklogImportStatus.Failed, 2), (failed.Status, failed.ProcessedRows));
        Assert.Contains($"cy-{u}@c.example is a contact of Other {u}", failed.Summary,
            StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Import again", page, StringComparison.Ordinal);
        Assert.Contains("2 of 7 rows are written", page, StringComparison.Ordinal);
        Assert.False(refused.Value!.Succeeded);
        Assert.True(again.IsOk && again.Value!.Succeeded);
        Assert.Equal((BacklogImportStatus.Imported, 7), (done.Status, done.ProcessedRows));
        Assert.Equal(new Counts(5, 7, 4, 3, 5), await CountAsync(u));
    }
}
