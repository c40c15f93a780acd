using ClosedXML.Excel;
using Liftoff.Data.Identity;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

public sealed class BacklogImportJourneyTests(BrowserFixture browser)
    : JourneyTests(browser.Browser), IClassFixture<BrowserFixture>
{
    /// <summary>A two-tab workbook of 1,200 rows: 600 requests with two requesting organisations each.</summary>
    private static byte[] Workbook(string u)
    {
        using var book = new XLWorkbook();
        foreach (var tab in new[] { $"Wizard {u}", $"Mobile {u}" })
        {
            var sheet = book.Worksheets.Add(tab);
            sheet.Cell(1, 1).SetValue("Feature");
            sheet.Cell(1, 2).SetValue("Requested by");
            sheet.Cell(1, 3).SetValue("E-mail");
            for (var i = 0; i < 600; i++)
            {
                var org = i % 20;
                sheet.Cell(i + 2, 1).SetValue($"{tab} request {i / 2}");
                sheet.Cell(i + 2, 2).SetValue($"Org {org + (i % 2 * 20)} {u}");
                sheet.Cell(i + 2, 3).SetValue($"p{org + (i % 2 * 20)}-{u}@org.example");
            }
        }
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Staff_UploadsPreviewsAndImports_SeesProgressThenSummaryWithoutReloading()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var staff = await browser.App.CreateUserAsync(Roles.Staff);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, staff);
        await page.GotoAsync("/Backlog/Import");

        await page.GetByLabel("Backlog sheet (.xlsx or .csv)").SetInputFilesAsync(new FilePayload
        {
            Name = "backlog.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = Workbook(u),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: nothing stored yet" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "1,200 rows read" }))
            .ToContainTextAsync("create 600 new requests");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        var progress = page.Locator("#import-progress");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "backlog-import-progress");
        // The page polls: the summary replaces the progress bar without a reload.
        await Assertions.Expect(progress.GetByText("Imported: 600 new requests, 1,200 requestors from 1,200 rows."))
            .ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "backlog-import-done");
    }
}
