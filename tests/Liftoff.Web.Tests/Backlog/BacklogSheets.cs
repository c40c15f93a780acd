using System.Text;
using ClosedXML.Excel;
using Liftoff.Domain;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Infrastructure.Web;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>Backlog sheets made in the test: workbooks with ClosedXML, CSV as text.</summary>
internal static class BacklogSheets
{
    public static readonly string[] Header = ["Feature", "Details", "Requested by", "Contact", "E-mail", "Date",
        "Status", "Owner notes"];

    public static byte[] Xlsx(params (string Tab, string[][] Rows)[] tabs)
    {
        using var book = new XLWorkbook();
        foreach (var (tab, rows) in tabs)
        {
            var sheet = book.Worksheets.Add(tab);
            for (var c = 0; c < Header.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(Header[c]);
            }
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    sheet.Cell(r + 2, c + 1).SetValue(rows[r][c]);
                }
            }
        }
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<long> UploadAsync(LiftoffFactory factory, byte[] content, string name = "backlog.xlsx") =>
        await factory.WithScopeAsync(async sp =>
        {
            var outcome = await sp.GetRequiredService<BacklogImporter>().UploadAsync(name, content, null);
            Assert.True(outcome.IsOk, outcome.Message);
            return outcome.Value;
        });

    public static Task<ImportPlan> PreviewAsync(LiftoffFactory factory, long id) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<BacklogImporter>().PreviewAsync(id))!);

    public static Task<Outcome<ImportPlan>> QueueAsync(LiftoffFactory factory, long id) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>().QueueAsync(id));

    /// <summary>Queues the import like the Import button and, when the dry run passed, waits until the background job
    /// has written it.</summary>
    public static async Task<Outcome<ImportPlan>> RunAsync(LiftoffFactory factory, long id)
    {
        var outcome = await QueueAsync(factory, id);
        if (outcome.IsOk && outcome.Value!.Succeeded)
        {
            await WaitForImportAsync(factory, id);
        }
        return outcome;
    }

    /// <summary>
    /// Works queued imports on this thread (the app's own worker may have claimed it first) until the
    /// import is no longer queued or importing; returns its final state.
    /// </summary>
    public static async Task<ImportStatusView> WaitForImportAsync(LiftoffFactory factory, long id)
    {
        var runner = factory.Services.GetRequiredService<ImportJobRunner>();
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            await runner.RunPendingAsync();
            var status = await StatusAsync(factory, id);
            if (!status.Writing)
            {
                return status;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Import {id} was still being written after a minute.");
    }

    public static Task<ImportStatusView> StatusAsync(LiftoffFactory factory, long id) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<BacklogImporter>().StatusAsync(id))!);
}
