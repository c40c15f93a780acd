using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Export;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>The backlog export read back by the import, and the import through the page's own forms.</summary>
public sealed partial class BacklogExportAndImportPageTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string U() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Export_XlsxAndCsv_HoldTabsPerAreaAndImportBackAsNothingNew()
    {
        var u = U();
        await BacklogSheets.RunAsync(factory, await BacklogSheets.UploadAsync(factory, BacklogSheets.Xlsx(
            ($"Export A {u}", [[$"Round trip {u}", "Line one, \"quoted\"", $"Org {u}", "Dee", $"dee-{u}@org.example",
                "2025-01-02", "Declined", ""]]),
            ($"Export B {u}", [[$"Second {u}", "", $"Org {u}", "", "", "", "", ""]]))));
        var staff = await factory.SignedInClientAsync(Roles.Staff);

        var xlsx = await staff.GetAsync("/Backlog/Export?format=xlsx");
        var csv = await staff.GetAsync("/Backlog/Export?format=csv");
        var xlsxFile = ImportSheetReader.Read(await xlsx.Content.ReadAsByteArrayAsync());
        var csvFile = ImportSheetReader.Read(await csv.Content.ReadAsByteArrayAsync());
        var reimport = await BacklogSheets.PreviewAsync(factory,
            await BacklogSheets.UploadAsync(factory, await xlsx.Content.ReadAsByteArrayAsync()));
        var reimportCsv = await BacklogSheets.PreviewAsync(factory,
            await BacklogSheets.UploadAsync(factory, await csv.Content.ReadAsByteArrayAsync(), "backlog.csv"));

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.Content.Headers.ContentType?.MediaType);
        var tab = Assert.Single(xlsxFile.Sheets, s => s.Name == $"Export A {u}");
        Assert.Equal(BacklogExport.Headers, tab.Headers);
        Assert.Equal([$"Export A {u}", $"Round trip {u}", "Line one, \"quoted\"", "Declined", $"Org {u}", "Dee",
            $"dee-{u}@org.example", "2025-01-02"], Assert.Single(tab.Rows).Cells);
        Assert.Contains(csvFile.Sheets[0].Rows, r => r.Cells.SequenceEqual(tab.Rows[0].Cells));
        Assert.True(reimport.Succeeded, string.Join("; ", reimport.Errors));
        Assert.Equal((0, 0), (reimport.NewRequests, reimport.NewVotes));
        Assert.True(reimportCsv.Succeeded, string.Join("; ", reimportCsv.Errors));
        Assert.Equal((0, 0), (reimportCsv.NewRequests, reimportCsv.NewVotes));
    }

    [Fact]
    public async Task ImportPage_UploadPreviewImport_WorksThroughTheBrowserForms()
    {
        var u = U();
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var page = await client.GetStringAsync("/Backlog/Import");
        using var content = new MultipartFormDataContent { { new StringContent(TokenPattern()
            .Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(BacklogSheets.Xlsx(($"Page {u}",
            [[$"Via the page {u}", "", $"Org {u}", "", "", "", "", ""]])));
        part.Headers.ContentType = new MediaTypeHeaderValue(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "upload", "sheet.xlsx");

        var uploaded = await client.PostAsync("/Backlog/Import?handler=Upload", content);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var preview = WebUtility.HtmlDecode(await client.GetStringAsync(previewUrl));
        var id = previewUrl[(previewUrl.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var queued = await LiftoffFactory.PostFormAsync(client, "/Backlog/Import?handler=Run",
            new()
            {
                ["id"] = id,
                ["Title"] = "Feature",
                ["Organisation"] = "Requested by",
                ["NewOrganisationKind"] = "Reseller"
            }, previewUrl);
        await BacklogSheets.WaitForImportAsync(factory,
            long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(queued.Headers.Location!.OriginalString));
        var poll = WebUtility.HtmlDecode(await client.GetStringAsync($"/Backlog/Import?handler=Progress&id={id}"));

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        Assert.Contains("Imported: 1 new request", poll, StringComparison.Ordinal);
        Assert.Contains("Preview: nothing stored yet", preview, StringComparison.Ordinal);
        Assert.Contains("create 1 new request", preview, StringComparison.Ordinal);
        Assert.Contains("Imported: 1 new request", html, StringComparison.Ordinal);
        var kind = await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == $"Org {u}").Select(o => o.Kind)
            .FirstAsync());
        Assert.Equal(Liftoff.Data.Organisation.OrganisationKind.Reseller, kind);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
