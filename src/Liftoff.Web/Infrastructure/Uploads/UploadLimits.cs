using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Liftoff.Web.Infrastructure.Uploads;

/// <summary>
/// Hard limits on every uploaded sheet ("Uploads" section), checked while the file is read so that
/// a hostile file is refused before it costs memory or time.
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Uploads";

    /// <summary>The largest file any upload form or import endpoint lets through to the checks.</summary>
    public const long RequestCeiling = HardMaxFileBytes + (1024 * 1024);

    private const long HardMaxFileBytes = 10L * 1024 * 1024;

    private const double Mb = 1024.0 * 1024;

    [Range(1024, HardMaxFileBytes)]
    public long MaxFileBytes { get; set; } = HardMaxFileBytes;

    [Range(2, 10_000)]
    public int MaxColumns { get; set; } = 200;

    /// <summary>Excel's own limit for one cell.</summary>
    [Range(100, 1_000_000)]
    public int MaxCellChars { get; set; } = 32_767;

    /// <summary>What all parts of an .xlsx may unpack to together; checked on the bytes actually inflated.</summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long MaxUncompressedBytes { get; set; } = 100L * 1024 * 1024;

    [Range(1, 100_000)]
    public int MaxBacklogRows { get; set; } = 10_000;

    [Range(1, 100_000)]
    public int MaxSurveyRows { get; set; } = 20_000;

    [Range(1, 1_000_000)]
    public int MaxContactRows { get; set; } = 50_000;

    /// <summary>A helpdesk export has one row per ticket, so many more rows than the other sheets.</summary>
    [Range(1, 5_000_000)]
    public int MaxTicketRows { get; set; } = 1_000_000;

    public static string FileTooLarge(long bytes, long limit) => string.Create(CultureInfo.InvariantCulture,
        $"The file is {bytes / Mb:0.#} MB; the limit is {limit / Mb:0.#} MB. Split it into smaller files.");

    public static string FileOverLimit(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"The file is larger than {limit / Mb:0.#} MB, the limit; split it into smaller files.");

    public static string TooManyRows(int limit) => string.Create(CultureInfo.InvariantCulture,
        $"The file has more than {limit:N0} rows; split it into smaller files.");

    public static string TooManyColumns(int row, int limit) => string.Create(CultureInfo.InvariantCulture,
        $"Row {row:N0} has more than {limit:N0} columns; the limit is {limit:N0}.");

    public static string CellTooLong(int row, int limit) => string.Create(CultureInfo.InvariantCulture,
        $"Row {row:N0} has a cell longer than {limit:N0} characters; the limit is {limit:N0}.");

    public static string TextTooLong(int limit) => string.Create(CultureInfo.InvariantCulture,
        $"The workbook holds a text longer than {limit:N0} characters; the limit for one cell is {limit:N0}.");

    public static string Unpacked(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"The workbook unpacks to more than {limit / Mb:N0} MB; the limit is {limit / Mb:N0} MB. Split it.");

    /// <summary>
    /// Reads a stream into memory up to the file limit and stops one buffer past it, whatever length the
    /// client announced; null content with the message when the file is larger.
    /// </summary>
    public async Task<(byte[]? Content, string? Error)> ReadBoundedAsync(Stream stream, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return (null, FileOverLimit(MaxFileBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}

/// <summary>Thrown inside the limit checks to stop reading at once; never leaves them.</summary>
internal sealed class UploadLimitException(string message) : Exception(message);

public static class UploadLimitsSetup
{
    public static IServiceCollection AddUploadLimits(this IServiceCollection services)
    {
        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
