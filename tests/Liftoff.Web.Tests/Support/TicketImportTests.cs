using System.Net;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Support;

public sealed class TicketImportTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private Task<List<(DateOnly Date, string Channel, int Count)>> StoredAsync(DateOnly from, DateOnly to) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<AppDbContext>()
            .TicketVolumes.Where(v => v.Date >= from && v.Date <= to).OrderBy(v => v.Date).ThenBy(v => v.Channel)
                .ToListAsync())
            .Select(v => (v.Date, v.Channel, v.Count)).ToList());

    [Fact]
    public async Task Preview_DailyCountsFile_ShowsWhatWouldChangeAndStoresNothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var response = await SupportTestData.PostImportAsync(client, "Preview",
            await File.ReadAllBytesAsync(SupportTestData.Fixture("daily-counts.csv")), "daily-counts.csv");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview: nothing stored yet", html);
        Assert.Contains("Importing would add 6", html);
        Assert.Contains("column &#x27;Tickets&#x27;", html);
        Assert.Empty(await StoredAsync(new(2026, 1, 5), new(2026, 1, 7)));
    }

    [Fact]
    public async Task Import_BadRows_ReportsEveryRowNumberAndStoresNothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var response = await SupportTestData.PostImportAsync(client, "Import",
            await File.ReadAllBytesAsync(SupportTestData.Fixture("daily-counts-bad.csv")), "bad.csv");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was imported", html);
        Assert.Contains("Row 3: 2026-02-03 has a negative count (-4).", html);
        Assert.Contains("Row 4: 'lots' in column 'count' is not a whole number", html);
        Assert.Contains("Row 5: 'yesterday' in column 'date' is not a date", html);
        Assert.Contains("Row 6: 2026-02-02 appears twice (first at row 2).", html);
        Assert.Contains("Row 7: 2026-02-06 has 5,000,000 tickets", html);
        Assert.Empty(await StoredAsync(new(2026, 2, 1), new(2026, 2, 28)));
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondChangesNothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var file = "date,tickets\n2026-05-04,12\n2026-05-05,14\n2026-05-06,9\n"u8.ToArray();

        var first = await (await SupportTestData.PostImportAsync(client, "Import", file, "may.csv"))
            .Content.ReadAsStringAsync();
        var stored = await StoredAsync(new(2026, 5, 4), new(2026, 5, 6));
        var second = await (await SupportTestData.PostImportAsync(client, "Import", file, "may.csv"))
            .Content.ReadAsStringAsync();

        Assert.Contains("Added 3, changed 0, and left 0 unchanged", first);
        Assert.Contains("Added 0, changed 0, and left 3 unchanged", second);
        Assert.Equal(stored, await StoredAsync(new(2026, 5, 4), new(2026, 5, 6)));
        Assert.Equal([12, 14, 9], stored.Select(s => s.Count));
    }

    [Fact]
    public async Task Import_CorrectedDay_ReplacesOnlyTheDaysItCovers()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        await SupportTestData.PostImportAsync(client, "Import",
            "date,count\n2026-06-01,10\n2026-06-02,11\n2026-06-03,12\n"u8.ToArray(), "june.csv");

        var html = await (await SupportTestData.PostImportAsync(client, "Import",
            "date,count\n2026-06-02,15\n"u8.ToArray(), "fix.csv")).Content.ReadAsStringAsync();

        Assert.Contains("Added 0, changed 1, and left 0 unchanged", html);
        Assert.Equal([10, 15, 12], (await StoredAsync(new(2026, 6, 1), new(2026, 6, 3))).Select(s => s.Count));
    }

    [Fact]
    public async Task Import_ZendeskTicketExport_CountsCalendarDaysInChosenZonePerChannel()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var response = await SupportTestData.PostImportAsync(client, "Import",
            await File.ReadAllBytesAsync(SupportTestData.Fixture("zendesk-tickets.csv")), "zendesk.csv",
            new() { ["TimeZone"] = "Europe/Berlin" });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("one row per ticket", html);
        Assert.Contains("channel column 'Via'", html);
        var stored = await StoredAsync(new(2026, 3, 1), new(2026, 3, 4));
        // Ticket 103 was created at 23:30 -01:00 on 1 March: 01:30 on 2 March in Berlin.
        Assert.Equal([1, 1, 0, 1], stored.Where(s => s.Channel == "email").Select(s => s.Count));
        Assert.Equal([0, 1, 0, 0], stored.Where(s => s.Channel == "phone").Select(s => s.Count));
        Assert.Equal([1, 0, 0, 0], stored.Where(s => s.Channel == "web form").Select(s => s.Count));
    }

    [Fact]
    public async Task Preview_FileFromAnotherHelpdesk_NamesItsColumnsAndAsksForMapping()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);

        var html = WebUtility.HtmlDecode(await (await SupportTestData.PostImportAsync(client, "Preview",
            await File.ReadAllBytesAsync(SupportTestData.Fixture("freshdesk-other-headers.csv")), "other.csv"))
                .Content.ReadAsStringAsync());

        Assert.Contains(
            "No created-timestamp column was recognised among 'Ticket ID', 'Subject', 'Agent', 'Priority', 'Last " +
                "updated'", html);
    }

    [Fact]
    public async Task Import_ChosenColumnsForUnusualHeaders_Works()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var file = "Tag;Anzahl Anfragen\n07.09.2026;8\n08.09.2026;0\n"u8.ToArray();

        var html = await (await SupportTestData.PostImportAsync(client, "Import", file, "de.csv",
            new() { ["Layout"] = "PerDay", ["DateColumn"] = "Tag", ["CountColumn"] = "Anzahl Anfragen" }))
                .Content.ReadAsStringAsync();

        Assert.Contains("Added 2", html);
        Assert.Equal([8, 0], (await StoredAsync(new(2026, 9, 7), new(2026, 9, 8))).Select(s => s.Count));
    }

    [Fact]
    public async Task Import_BinaryOrEmptyFile_ExplainsAndStoresNothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Staff);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .TicketVolumes.CountAsync());

        var binary = WebUtility.HtmlDecode(await (await SupportTestData.PostImportAsync(client, "Import",
            [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 2, 3], "export.xlsx")).Content.ReadAsStringAsync());
        var headerOnly = WebUtility.HtmlDecode(await (await SupportTestData.PostImportAsync(client, "Import",
            "date,count\n"u8.ToArray(), "empty.csv")).Content.ReadAsStringAsync());

        Assert.Contains("not a text CSV file", binary);
        Assert.Contains("no data rows", headerOnly);
        Assert.Equal(before, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().TicketVolumes.CountAsync()));
    }
}
