namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>One tab of a backlog sheet (a CSV file is one tab without a name): its headers and rows.</summary>
public sealed record SheetTable(string? Name, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>A row with the number the user sees in the spreadsheet (the header is row 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells);

/// <summary>Where a row is in the file: its tab (null for CSV) and its row number.</summary>
public readonly record struct SheetRowRef(string? Sheet, int Row);

public sealed record SheetFile(IReadOnlyList<SheetTable> Sheets, string? Error)
{
    public int RowCount => Sheets.Sum(s => s.Rows.Count);

    /// <summary>The same file with only the given rows (headers and tab names kept).</summary>
    public SheetFile Only(IReadOnlySet<SheetRowRef> rows) =>
        new(Sheets.Select(s => s with
        {
            Rows = s.Rows.Where(r => rows.Contains(new SheetRowRef(s.Name, r.Number)))
            .ToList()
        }).ToList(), Error);
}
