using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Domain;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Web;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

public sealed class BacklogImportTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Counts(int Requests, int Votes, int Areas, int Organisations, int Contacts);

    private Task<Counts> CountAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return new Counts(await db.FeatureRequests.CountAsync(), await db.RequestVotes.CountAsync(),
            await db.ProductAreas.CountAsync(),
            await db.Organisations.CountAsync(), await db.Contacts.CountAsync());
    });

    private static string U() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Preview_XlsxWithTwoTabs_PlansAreasAndWritesNothing()
    {
        var u = U();
        var file = BacklogSheets.Xlsx(
            ($"Wizard {u}", [
                [$"Terrain following {u}", "Fly at constant height over hills.", $"Alpine Survey {u}", "Ana",
                    $"ana-{u}@alpine.example", "2025-03-14", "Under review", "ignore me"],
                [$"Terrain following {u}", "", $"Northwind {u}", "Ben", $"ben-{u}@northwind.example",
                    "2025-04-01", "", ""],
                [$"KML import {u}", "Import flight areas from KML.", $"Alpine Survey {u}", "Ana",
                    $"ana-{u}@alpine.example", "", "", ""],
            ]),
            ($"Mobile {u}", [[$"Offline maps {u}", "No network in the field.", $"Northwind {u}", "Ben",
                $"ben-{u}@northwind.example", "", "Planned", ""]]));
        var before = await CountAsync();
        var id = await BacklogSheets.UploadAsync(factory, file);

        var plan = await BacklogSheets.PreviewAsync(factory, id);

        Assert.True(plan.Succeeded, string.Join("; ", plan.Errors));
        Assert.Equal(4, plan.RowsRead);
        Assert.Equal(3, plan.NewRequests);
        Assert.Equal(4, plan.NewVotes);
        Assert.Equal([$"Mobile {u}", $"Wizard {u}"], plan.NewAreas.Order());
        Assert.Equal(2, plan.NewOrganisations.Count);
        Assert.Equal(2, plan.NewContacts.Count);
        Assert.Contains(plan.Warnings, w => w.Contains("'Owner notes'", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Run_Xlsx_CreatesRequestsInTabAreas_AndReimportCreatesNothing()
    {
        var u = U();
        var file = BacklogSheets.Xlsx(
            ($"Wizard {u}", [
                [$"Battery report {u}", "Cycles per battery.", $"Alpine {u}", "Ana", $"ana-{u}@alpine.example",
                    "2025-03-14", "Planned", ""],
                [$"Battery report {u}", "", $"Contoso {u}", "", "", "", "", ""],
            ]),
            ($"Mobile {u}", [[$"Dark mode {u}", "Bright sun.", $"Contoso {u}", "Cy", $"cy-{u}@contoso.example", "",
                "", ""]]));

        var first = await BacklogSheets.RunAsync(factory, await BacklogSheets.UploadAsync(factory, file));
        var afterFirst = await CountAsync();
        var secondId = await BacklogSheets.UploadAsync(factory, file);
        var preview = await BacklogSheets.PreviewAsync(factory, secondId);
        var second = await BacklogSheets.RunAsync(factory, secondId);

        Assert.True(first.IsOk && first.Value!.Succeeded, first.Message);
        var stored = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.AsNoTracking()
            .Where(r => r.Title.EndsWith(u)).Select(r =>
                new { r.Title, Area = r.Area!.Name, r.Status, r.CreatedAt, Votes = r.Votes.Count })
                .OrderBy(r => r.Title).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(($"Battery report {u}", $"Wizard {u}", FeatureRequestStatus.Planned, 2),
            (stored[0].Title, stored[0].Area, stored[0].Status, stored[0].Votes));
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero), stored[0].CreatedAt);
        Assert.Equal(($"Dark mode {u}", $"Mobile {u}", 1), (stored[1].Title, stored[1].Area, stored[1].Votes));
        Assert.Equal(0, preview.NewRequests);
        Assert.Equal(0, preview.NewVotes);
        Assert.True(second.IsOk && second.Value!.Succeeded);
        Assert.Equal(afterFirst, await CountAsync());
    }

    [Fact]
    public async Task Run_BadRows_ListsSheetAndRowNumbersAndStoresNothing()
    {
        var u = U();
        var longText = new string('x', 30_000);
        var file = BacklogSheets.Xlsx(($"Wizard {u}", [
            [$"Good row {u}", "", $"Org {u}", "", $"a-{u}@org.example", "", "", ""],
            ["", "no title", $"Org {u}", "", "", "", "", ""],
            [$"Long {u}", longText, $"Org {u}", "", "", "", "", ""],
            [$"Bad mail {u}", "", $"Org {u}", "", "not-an-address", "", "", ""],
            [$"Good row {u}", "", $"Org {u}", "", $"a-{u}@org.example", "", "", ""],
            [$"Odd status {u}", "", $"Org {u}", "", "", "", "Someday", ""],
            [$"Odd date {u}", "", $"Org {u}", "", "", "soon", "", ""],
        ]));
        var before = await CountAsync();
        var id = await BacklogSheets.UploadAsync(factory, file);

        var outcome = await BacklogSheets.RunAsync(factory, id);

        var errors = outcome.Value!.Errors.Select(e => (e.Sheet, e.Row, e.Message)).ToList();
        Assert.False(outcome.Value.Succeeded);
        Assert.Contains(errors, e => e.Sheet == $"Wizard {u}" && e.Row == 3
            && e.Message.Contains("title is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 4 && e.Message.Contains("30,000 characters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 5 && e.Message.Contains("not a valid email", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 6 && e.Message.Contains("Repeats row 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 7 && e.Message.Contains("'Someday'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 8 && e.Message.Contains("'soon'", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Row == 2);
        Assert.Equal(before, await CountAsync());
        var status = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().BacklogImports.Where(i => i.Id == id).Select(i => i.Status)
            .FirstAsync());
        Assert.Equal(BacklogImportStatus.Uploaded, status);
    }

    [Fact]
    public async Task Run_ContactOfAnotherOrganisation_IsARowError()
    {
        var u = U();
        var owner = await factory.CreateOrganisationAsync($"Owner {u}");
        await factory.WithScopeAsync(sp => sp.GetRequiredService<Features.Organisations.OrganisationAdministration>()
            .AddContactAsync(owner, new($"kim-{u}@owner.example", "Kim")));
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Csv($"Title,Organisation,Contact " +
            $"email\nFeature {u},Other {u},kim-{u}@owner.example\n"), "list.csv");

        var plan = await BacklogSheets.PreviewAsync(factory, id);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(2, error.Row);
        Assert.Null(error.Sheet);
        Assert.Contains($"contact of Owner {u}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_MalformedFiles_GiveClearMessagesAndStoreNothing()
    {
        var before = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().BacklogImports.CountAsync());

        var binary = await Upload([0x00, 0x01, 0x02, 0xFF, 0x00]);
        var corrupt = await Upload([(byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]);
        var empty = await Upload([]);
        var noRows = await factory.WithScopeAsync(async sp => await sp.GetRequiredService<ImportPlanner>()
            .PlanAsync(ImportSheetReader.Read(BacklogSheets.Csv("Title,Description\n")),
                ImportMapping.Guess(["Title", "Description"])));
        var huge = await factory.WithScopeAsync(async sp => await sp.GetRequiredService<ImportPlanner>()
            .PlanAsync(ImportSheetReader.Read(BacklogSheets.Csv(
                $"Title,Description\n{new string('t', 30_000)},{new string('d', 30_000)}\n")),
                ImportMapping.Guess(["Title", "Description"])));
        var tooMany = ImportSheetReader.Read(BacklogSheets.Csv("Title\n" + string.Concat(Enumerable.Range(0,
            ImportSheetReader.MaxRows + 1).Select(i => $"Request {i}\n"))));

        Assert.Contains("neither a CSV", binary.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", corrupt.Message, StringComparison.Ordinal);
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Assert.Single(noRows.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["The title has 30,000 characters; at most 300.",
            "The description has 30,000 characters; at most 20,000."], huge.Errors.Select(e => e.Message));
        Assert.Equal(2, huge.Errors[0].Row);
        Assert.Contains("more than 10,000 rows", tooMany.Error, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().BacklogImports.CountAsync()));

        Task<Outcome<long>> Upload(byte[] content) =>
            factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>().UploadAsync("x.csv", content, null));
    }

    [Fact]
    public async Task Preview_CsvWithChosenAreaAndMappedUnknownColumn_UsesTheMapping()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Csv($"Summary;Customer\nSync to cloud " +
            $"{u};Acme {u}\n"), "semicolons.csv");
        await factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>()
            .SaveMappingAsync(id, new ImportMapping("Summary", null, "Customer", null, null, null, null, null,
                $"Cloud {u}")));

        var plan = await BacklogSheets.PreviewAsync(factory, id);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>()
            .SaveMappingAsync(id, new ImportMapping("Summary", "Notes", "Customer", null, null, null, null,
                null, null)));
        var missing = await BacklogSheets.PreviewAsync(factory, id);

        Assert.True(plan.Succeeded, string.Join("; ", plan.Errors));
        Assert.Equal($"Cloud {u}", Assert.Single(plan.Requests).Area);
        Assert.Equal([$"Acme {u}"], plan.NewOrganisations);
        Assert.Contains("'Notes'", Assert.Single(missing.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwiceAtOnce_ImportsOnce()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Xlsx(($"Race {u}", [[$"Only once " +
            $"{u}", "", $"Org {u}", "", "", "", "", ""]])));

        var outcomes = await Task.WhenAll(BacklogSheets.QueueAsync(factory, id), BacklogSheets.QueueAsync(factory, id));
        var status = await BacklogSheets.WaitForImportAsync(factory, id);

        Assert.Single(outcomes, o => o.IsOk);
        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Conflict);
        Assert.Equal(BacklogImportStatus.Imported, status.Status);
        Assert.Equal(1, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().FeatureRequests.CountAsync(r => r.Title == $"Only once {u}")));
    }

    [Fact]
    public async Task Run_NewRequests_GetEmbeddingsFromTheIndexer()
    {
        var u = U();
        var id = await BacklogSheets.UploadAsync(factory, BacklogSheets.Xlsx(($"Embed {u}", [
            [$"Waypoint export to GPX {u}", "Send waypoints to a handheld GPS.", $"Org {u}", "", "", "", "", ""],
            [$"Night flight lights {u}", "", $"Org {u}", "", "", "", "", ""],
        ])));
        await BacklogSheets.RunAsync(factory, id);

        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>().ProgressAsync(id));
        await factory.Services.GetRequiredService<SimilarRequestEngine>().SyncAsync();
        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>().ProgressAsync(id));
        var similar = await factory.Services.GetRequiredService<SimilarRequestEngine>()
            .SearchAsync($"export waypoints as gpx {u}", null);

        Assert.Equal(2, before.Requests);
        Assert.True(after.Done);
        Assert.Equal($"Waypoint export to GPX {u}", similar[0].Title);
    }

    [Fact]
    public async Task Plan_ExportedFormulaCellsReadBackAsWritten_InvisibleTitlesAreRowErrors_ControlCharactersGo()
    {
        var u = U();
        var csv = "Title,Description\n"
            + $"\"'=HYPERLINK(\"\"http://x\"\") {u}\",\"'-2+3\"\n"
            + $"\"It's fine {u}\",\"bell\u0007byte\"\n";

        var plan = await PlanAsync(csv);
        var invisible = await PlanAsync("Title,Description\n\"\u200B\u200D\u2060\",x\n");

        Assert.True(plan.Succeeded, string.Join("; ", plan.Errors));
        Assert.Contains(plan.Requests, r => r.Title == $"=HYPERLINK(\"http://x\") {u}" && r.Description == "-2+3");
        Assert.Contains(plan.Requests, r => r.Title == $"It's fine {u}" && r.Description == "bellbyte");
        var problem = Assert.Single(invisible.Errors);
        Assert.Equal(2, problem.Row);
        Assert.Contains("no visible characters", problem.Message, StringComparison.Ordinal);

        Task<ImportPlan> PlanAsync(string text) =>
            factory.WithScopeAsync(async sp => await sp.GetRequiredService<ImportPlanner>()
            .PlanAsync(ImportSheetReader.Read(BacklogSheets.Csv(text)), ImportMapping.Guess(["Title", "Description"])));
    }
}
