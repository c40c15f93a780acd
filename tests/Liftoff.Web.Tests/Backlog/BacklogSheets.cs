using System.Text;
using ClosedXML.Excel;
using Liftoff.Web.Features.Backlog;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>Backlog sheets made in the test: workbooks with ClosedXML, CSV as text.</summary>
internal static class BacklogSheets
{
    public static readonly string[] Header = ["Feature", "Details", "Requested by", "Contact", "E-mail", "Date", "Status", "Owner notes"];

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

    public static Task<Liftoff.Web.Infrastructure.Web.Outcome<ImportPlan>> RunAsync(LiftoffFactory factory, long id) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<BacklogImporter>().RunAsync(id));
}
