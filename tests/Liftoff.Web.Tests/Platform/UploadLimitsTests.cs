using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Platform;

/// <summary>
/// Every import refuses hostile files through its page with a message naming the limit, and stores nothing.
/// </summary>
public sealed partial class UploadLimitsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private sealed record Stored(int Imports, int Requests, int Contacts, int Priorities, int Volumes);

    private Task<Stored> CountAsync() => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return new Stored(await db.BacklogImports.CountAsync(), await db.FeatureRequests.CountAsync(),
            await db.Contacts.CountAsync(),
            await db.RequestPriorities.CountAsync(), await db.TicketVolumes.CountAsync());
    });

    [Fact]
    public async Task BacklogUpload_XlsxWithManyRowsInASmallZip_IsRefusedByRowLimit()
    {
        var file = HostileFiles.XlsxWithRows(200_000);
        Assert.True(file.Length < 1024 * 1024, $"{file.Length} bytes");

        var html = await RefusedAsync("/Backlog/Import", "Upload", "upload", file, "many.xlsx");

        Assert.Contains("The file has more than 10,000 rows; split it into smaller files.", html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacklogUpload_XlsxWithAHugeSharedString_IsRefusedByCellLimit()
    {
        var html = await RefusedAsync("/Backlog/Import", "Upload", "upload",
            HostileFiles.XlsxWithHugeCell(60 * 1024 * 1024), "cell.xlsx");

        Assert.Contains("longer than 32,767 characters; the limit for one cell is 32,767", html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacklogUpload_XlsxUnpackingPastTheLimit_IsRefused()
    {
        var html = await RefusedAsync("/Backlog/Import", "Upload", "upload", HostileFiles.XlsxWithRows(1_400_000),
            "bomb.xlsx");

        Assert.Contains("The workbook unpacks to more than 100 MB; the limit is 100 MB.", html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacklogUpload_CsvWithAMillionColumns_IsRefusedByColumnLimit()
    {
        var html = await RefusedAsync("/Backlog/Import", "Upload", "upload", HostileFiles.CsvWithColumns(1_000_000),
            "wide.csv");

        Assert.Contains("Row 1 has more than 200 columns; the limit is 200.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurveyImport_TooManyRowsOrColumns_IsRefused()
    {
        var rows = HostileFiles.CsvWithRows("request,score", 20_001, i => $"#{i},1");

        var tooLong = await RefusedAsync("/Backlog/Survey", "Preview", "Upload", rows, "survey.csv");
        var wide = HostileFiles.CsvWithColumns(1_000_000, "request");
        var tooWide = await RefusedAsync("/Backlog/Survey", "Import", "Upload", wide, "wide.csv");

        Assert.Contains("The file has more than 20,000 rows; split it into smaller files.", tooLong,
            StringComparison.Ordinal);
        Assert.Contains("Row 1 has more than 200 columns", tooWide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactImport_TooManyRowsOrTooLarge_IsRefusedAndImportsNothing()
    {
        var fields = new Dictionary<string, string> { ["listName"] = "Hostile", ["importAudience"] = "Customers" };
        var rows = HostileFiles.CsvWithRows("email,name", 50_001, i => $"c{i}@example.com,C {i}");
        var large = HostileFiles.CsvWithRows("email,name", 200_000,
            i => $"contact-{i:D8}@example.com,Contact number {i:D8}");
        Assert.InRange(large.Length, (10 * 1024 * 1024) + 1, 11 * 1024 * 1024);

        var tooLong = await RefusedAsync("/Communications/Contacts", "Import", "file", rows, "contacts.csv", fields);
        var tooLarge = await RefusedAsync("/Communications/Contacts", "Import", "file", large, "contacts.csv", fields);

        Assert.Contains("The file has more than 50,000 rows; split it into smaller files.", tooLong,
            StringComparison.Ordinal);
        Assert.Contains("The file is larger than 10 MB, the limit; split it into smaller files.", tooLarge,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportImport_MillionColumnsOrHugeCell_IsRefused()
    {
        var wide = await RefusedAsync("/Support/Import", "Preview", "Upload", HostileFiles.CsvWithColumns(1_000_000,
            "Created at"), "wide.csv");
        var cell = HostileFiles.CsvWithRows("Created at,Via", 1, _ => "2026-03-01 10:00,\"" + new string('x',
            40_000) + "\"");
        var huge = await RefusedAsync("/Support/Import", "Import", "Upload", cell, "cell.csv");

        Assert.Contains("Row 1 has more than 200 columns; the limit is 200.", wide, StringComparison.Ordinal);
        Assert.Contains("Row 2 has a cell longer than 32,767 characters; the limit is 32,767.", huge,
            StringComparison.Ordinal);
    }

    /// <summary>
    /// Posts the file through the page's form and checks that the answer is the page (not an error) and nothing
    /// was stored.
    /// </summary>
    private async Task<string> RefusedAsync(string page, string handler, string field, byte[] file, string name,
        Dictionary<string, string>? fields = null)
    {
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var before = await CountAsync();
        var form = await client.GetStringAsync(page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(TokenPattern().Match(form).Groups[1].Value), "__RequestVerificationToken" },
        };
        foreach (var (k, v) in fields ?? [])
        {
            content.Add(new StringContent(v), k);
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv",
            StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        content.Add(part, field, name);

        var response = await client.PostAsync($"{page}?handler={handler}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await CountAsync());
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
