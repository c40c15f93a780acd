using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Liftoff.Web.Infrastructure.Uploads;

/// <summary>
/// Checks an .xlsx workbook before it is opened: the parts' declared sizes, then every part inflated
/// through a counting stream that stops at the unpacked-size limit, its XML read as a stream with rows,
/// columns and text lengths counted as they pass. Texts are read in chunks, so a one-gigabyte cell
/// costs a few kilobytes before it is refused. Every part is checked, whatever its name: a worksheet
/// can be stored under any name the package's relationships point to.
/// </summary>
public static class XlsxLimitScanner
{
    private const int MaxParts = 10_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>
    /// The message naming the first limit the workbook passes; null when it keeps them all, or when it is
    /// not a readable package at all (the reader then says so).
    /// </summary>
    public static string? Check(byte[] content, UploadLimits limits, int maxRows)
    {
        if (content.LongLength > limits.MaxFileBytes)
        {
            return UploadLimits.FileTooLarge(content.LongLength, limits.MaxFileBytes);
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The workbook has more than {MaxParts:N0} parts; it is not a sheet.");
            }
            if (zip.Entries.Sum(e => e.Length) > limits.MaxUncompressedBytes)
            {
                return UploadLimits.Unpacked(limits.MaxUncompressedBytes);
            }
            var budget = limits.MaxUncompressedBytes;
            var rows = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = new CountingStream(entry.Open(), budget, limits.MaxUncompressedBytes);
                rows += ScanPart(part, limits, maxRows, maxRows - rows);
                part.CopyTo(Stream.Null);
                budget -= part.Count;
            }
            return null;
        }
        catch (UploadLimitException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads one part's XML; returns its data rows (rows after each sheet's first). Non-XML parts read nothing.
    /// </summary>
    private static int ScanPart(Stream part, UploadLimits limits, int maxRows, int rowsLeft)
    {
        var rows = 0;
        int? firstRow = null;
        var lastRow = 0;
        var cells = 0;
        var text = 0;
        var item = -1;
        var buffer = new char[4096];
        try
        {
            using var xml = XmlReader.Create(part, Settings);
            while (xml.Read())
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Element when xml.LocalName == "row":
                        var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None,
                            CultureInfo.InvariantCulture, out var r)
                            ? r
                            : lastRow + 1;
                        firstRow ??= number;
                        lastRow = Math.Max(lastRow, number);
                        // The reader lays out every row between the first and the last: the span counts too.
                        if (++rows - 1 > rowsLeft || lastRow - firstRow.Value > rowsLeft)
                        {
                            throw new UploadLimitException(UploadLimits.TooManyRows(maxRows));
                        }
                        cells = 0;
                        break;
                    case XmlNodeType.Element when xml.LocalName == "c":
                        var column = ColumnOf(xml.GetAttribute("r"));
                        if (++cells > limits.MaxColumns || column > limits.MaxColumns)
                        {
                            throw new UploadLimitException(UploadLimits.TooManyColumns(lastRow, limits.MaxColumns));
                        }
                        break;
                    case XmlNodeType.Element when xml.LocalName is "si" or "is":
                        // A shared or inline string is the sum of its runs.
                        text = 0;
                        item = xml.Depth;
                        break;
                    case XmlNodeType.Element when item < 0 || xml.Depth <= item:
                        text = 0;
                        item = -1;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA
                        or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        // Chunk by chunk: the text is never held whole.
                        int read;
                        while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                        {
                            text += read;
                            if (text > limits.MaxCellChars)
                            {
                                throw new UploadLimitException(UploadLimits.TextTooLong(limits.MaxCellChars));
                            }
                        }
                        break;
                }
            }
        }
        catch (XmlException)
        {
            // Not XML (an image, say) or damaged: only its size counts here; opening the workbook reports damage.
        }
        return Math.Max(0, rows - 1);
    }

    /// <summary>"BC12" is column 55; no reference is column 0.</summary>
    private static int ColumnOf(string? reference)
    {
        var column = 0;
        foreach (var c in reference ?? "")
        {
            if (!char.IsAsciiLetter(c) || column > 1_000_000)
            {
                break;
            }
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column;
    }

    /// <summary>Counts the bytes inflated and stops the read that would pass the budget.</summary>
    private sealed class CountingStream(Stream inner, long budget, long limit) : Stream
    {
        private const int MaxTagBytes = 64 * 1024;
        private bool? _xml;
        private bool _inTag;
        private int _tagBytes;
        private byte _quote;

        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Count += read;
            if (Count > budget)
            {
                throw new UploadLimitException(UploadLimits.Unpacked(limit));
            }
            CheckTags(buffer[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>
        /// An XML reader holds a whole tag with its attributes in memory, so one tag (outside quotes, from
        /// '&lt;' to '&gt;') may not pass <see cref="MaxTagBytes"/>; the parts of a real workbook stay far below.
        /// </summary>
        private void CheckTags(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_xml is null)
                {
                    // Only XML parts are held to it: an image may well have a '<' and no '>' for 64 KB.
                    if (b is 0xEF or 0xBB or 0xBF or 0xFF or 0xFE or 0
                        or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        continue;
                    }
                    _xml = b == '<';
                }
                if (_xml == false)
                {
                    return;
                }
                if (!_inTag)
                {
                    if (b == '<')
                    {
                        _inTag = true;
                        _tagBytes = 0;
                        _quote = 0;
                    }
                    continue;
                }
                if (++_tagBytes > MaxTagBytes)
                {
                    throw new UploadLimitException(
                        "The workbook holds XML that no spreadsheet writes (a tag longer than 64 KB).");
                }
                if (_quote != 0)
                {
                    _quote = b == _quote ? (byte)0 : _quote;
                }
                else if (b is (byte)'"' or (byte)'\'')
                {
                    _quote = b;
                }
                else if (b == '>')
                {
                    _inTag = false;
                }
            }
        }
    }
}
