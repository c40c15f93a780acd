using System.IO.Compression;
using System.Text;

namespace Liftoff.Bench;

/// <summary>Files made to hurt an importer: small on the wire, huge once unpacked or parsed.</summary>
internal static class HostileUploads
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Package = "http://schemas.openxmlformats.org/package/2006";
    private const string Types = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    /// <summary>A workbook whose one sheet has <paramref name="rows"/> rows: a few hundred KB packed.</summary>
    /// <summary>Rows without references, about 50 bytes each: 20 million make about 1 GB unpacked.</summary>
    public static byte[] XlsxWithRows(int rows) => Xlsx(sheet =>
    {
        for (var r = 0; r <= rows; r++)
        {
            sheet.Write("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
        }
    }, null);

    /// <summary>A workbook with one shared string of <paramref name="chars"/> characters.</summary>
    public static byte[] XlsxWithHugeCell(int chars) => Xlsx(
        sheet => sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
        strings =>
        {
            strings.Write("<si><t>");
            var chunk = new string('A', 64 * 1024);
            for (var written = 0; written < chars; written += chunk.Length)
            {
                strings.Write(chunk);
            }
            strings.Write("</t></si>");
        });

    /// <summary>A CSV whose header has <paramref name="columns"/> columns.</summary>
    public static byte[] CsvWithColumns(int columns, string first = "Title") =>
        Encoding.UTF8.GetBytes(first + string.Concat(Enumerable.Repeat(",c", columns - 1)) + "\nx\n");

    /// <summary>A CSV with a header and <paramref name="rows"/> data rows.</summary>
    public static byte[] CsvWithRows(string header, int rows, Func<int, string> row)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(row(i)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Xlsx(Action<StreamWriter> sheetData, Action<StreamWriter>? sharedStrings)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write(
                $"<Types xmlns=\"{Package}/content-types\">" +
                "<Default Extension=\"rels\" " +
                "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                $"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{Types}.sheet.main+xml\"/>" +
                $"<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"{Types}.worksheet+xml\"/>" +
                $"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{Types}.sharedStrings+xml\"/>" +
                "</Types>"));
            Part(zip, "_rels/.rels", w => w.Write(
                $"<Relationships xmlns=\"{Package}/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>"));
            Part(zip, "xl/workbook.xml", w => w.Write(
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\">" +
                "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                $"<Relationships xmlns=\"{Package}/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                $"<Relationship Id=\"rId2\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
                "</Relationships>"));
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<worksheet xmlns=\"{Main}\"><sheetData>");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            Part(zip, "xl/sharedStrings.xml", w =>
            {
                w.Write($"<sst xmlns=\"{Main}\">");
                sharedStrings?.Invoke(w);
                w.Write("</sst>");
            });
        }
        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, Action<StreamWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
