namespace Liftoff.Web.Infrastructure.Uploads;

/// <summary>
/// One pass over a CSV file's bytes, before any parser builds records: counts rows, columns and the
/// characters of each cell, and stops at the first limit passed. It allocates nothing per row, so a
/// million columns or a million rows are refused in milliseconds.
/// </summary>
public static class CsvLimitScanner
{
    /// <summary>
    /// Every separator the imports may detect counts as one: a file is refused if any of them would
    /// give too many columns, so the check does not depend on which separator a parser later picks.
    /// </summary>
    private static readonly byte[] Separators = [(byte)',', (byte)';', (byte)'\t', (byte)'|'];

    /// <summary>The message naming the first limit the file passes; null when it keeps them all.</summary>
    public static string? Check(ReadOnlySpan<byte> content, UploadLimits limits, int maxRows)
    {
        if (content.Length > limits.MaxFileBytes)
        {
            return UploadLimits.FileTooLarge(content.Length, limits.MaxFileBytes);
        }
        Span<int> columns = stackalloc int[Separators.Length];
        var cellChars = 0;
        var records = 0;
        var hasContent = false;
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (quoted)
            {
                if (b == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        continue;
                    }
                }
                if (!IsContinuation(b) && ++cellChars > limits.MaxCellChars)
                {
                    return UploadLimits.CellTooLong(records + 1, limits.MaxCellChars);
                }
                continue;
            }
            if (b is (byte)'\n' or (byte)'\r')
            {
                // Blank lines are skipped by the parsers and so are not counted here either.
                if (hasContent && ++records > maxRows + 1)
                {
                    return UploadLimits.TooManyRows(maxRows);
                }
                columns.Clear();
                cellChars = 0;
                hasContent = false;
                continue;
            }
            var separator = Separators.AsSpan().IndexOf(b);
            if (separator >= 0)
            {
                hasContent = true;
                cellChars = 0;
                if (++columns[separator] >= limits.MaxColumns)
                {
                    return UploadLimits.TooManyColumns(records + 1, limits.MaxColumns);
                }
                continue;
            }
            if (b == '"' && cellChars == 0)
            {
                // Like the parsers, a quote opens a quoted cell only at the cell's start.
                quoted = true;
                hasContent = true;
                continue;
            }
            hasContent = true;
            if (!IsContinuation(b) && ++cellChars > limits.MaxCellChars)
            {
                return UploadLimits.CellTooLong(records + 1, limits.MaxCellChars);
            }
        }
        if (hasContent && ++records > maxRows + 1)
        {
            return UploadLimits.TooManyRows(maxRows);
        }
        return null;
    }

    /// <summary>UTF-8 continuation bytes belong to the character before them.</summary>
    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;
}
