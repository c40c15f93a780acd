using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Backlog.Export;
using Liftoff.Web.Infrastructure.Spreadsheets;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Backlog;

public sealed class ExportFormulaTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
    private const string Command = "+cmd|' /C calc'!A0";

    private async Task CreateAsync(HttpClient staff, string title, string description)
    {
        var org = await factory.CreateOrganisationAsync();
        var email = $"f-{Guid.NewGuid():N}@org.example";
        var response = await staff.PostAsJsonAsync("/api/requests",
            new { title, description, requestor = new { organisationId = org, contactEmail = email } });
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task BacklogCsv_FormulaTitlesAndDescriptions_AreNeutralised()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        await CreateAsync(staff, Hyperlink, "@SUM(1+1)");
        await CreateAsync(staff, Command, "-2+3");

        var csv = Encoding.UTF8.GetString(await staff.GetByteArrayAsync("/Backlog/Export?format=csv"));

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'+cmd|' /C calc'!A0\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'@SUM(1+1)\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'-2+3\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"+", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacklogXlsx_FormulaTitles_AreTextCells()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        await CreateAsync(staff, Hyperlink, "=1+1");
        await CreateAsync(staff, Command, "");

        using var book = new XLWorkbook(new MemoryStream(await staff.GetByteArrayAsync("/Backlog/Export?format=xlsx")));

        var cells = book.Worksheets.SelectMany(s => s.CellsUsed()).ToList();
        Assert.DoesNotContain(cells, c => c.HasFormula);
        Assert.Contains(cells, c => c.GetString() == Hyperlink && c.DataType == XLDataType.Text);
        Assert.Contains(cells, c => c.GetString() == Command && c.DataType == XLDataType.Text);
        Assert.Contains(cells, c => c.GetString() == "=1+1");
        Assert.Equal(BacklogExport.Headers, book.Worksheets.First().Row(1).CellsUsed().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@A1", "\"'@A1\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Write_Cell_QuotesAndNeutralisesFormulas(string value, string expected)
    {
        var text = Encoding.UTF8.GetString(SafeCsv.Write([[value]]));

        Assert.Equal("\uFEFF" + expected + "\r\n", text);
    }
}
