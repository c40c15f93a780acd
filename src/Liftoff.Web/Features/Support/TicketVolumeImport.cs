using Liftoff.Data;
using Liftoff.Data.Support;
using Liftoff.Domain.Support;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Support;

public sealed record TicketCountInput(DateOnly? Date, string? Channel, int? Count);

public sealed record StoredCounts(int Added, int Updated, int Unchanged, DateOnly? From, DateOnly? To,
    IReadOnlyList<string> Warnings);

public sealed record CsvImportReport(ParsedTicketCsv Parsed, bool DryRun, StoredCounts? Stored, string? Failure);

/// <summary>
/// Stores daily counts from a CSV import or the API. A batch replaces exactly the days and channels it
/// covers, in one transaction; the same batch twice changes nothing the second time.
/// </summary>
public sealed class TicketVolumeImport(
    AppDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SupportOptions> options,
    IOptions<UploadLimits> uploadLimits,
    ILogger<TicketVolumeImport> logger)
{
    public const int MaxApiItems = 20_000;

    public async Task<CsvImportReport> ImportCsvAsync(Stream file, CsvMapping mapping, bool dryRun, string fileName,
        CancellationToken ct = default)
    {
        TimeZoneInfo zone;
        var zoneId = string.IsNullOrWhiteSpace(mapping.TimeZone) ? options.Value.TimeZone : mapping.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone!))
        {
            var parsedNothing = new ParsedTicketCsv(mapping.Layout, null, null, null, zoneId, [], 0, [],
                [new(0, $"'{zoneId}' is not a known time zone (use an id such as 'Europe/Berlin' or 'UTC').")], []);
            return new(parsedNothing, dryRun, null, null);
        }
        var limits = uploadLimits.Value;
        var (content, tooLarge) = await limits.ReadBoundedAsync(file, ct);
        if ((tooLarge ?? CsvLimitScanner.Check(content, limits, limits.MaxTicketRows)) is { } refused)
        {
            ParsedTicketCsv refusedFile = new(mapping.Layout, null, null, null, zone.Id, [], 0, [], [new(0, refused)],
                []);
            return new(refusedFile, dryRun, null, null);
        }
        var parsed = TicketCsvParser.Parse(new MemoryStream(content!, writable: false), mapping, zone);
        if (!parsed.Succeeded || dryRun)
        {
            return new(parsed, dryRun, dryRun && parsed.Succeeded ? await CompareAsync(parsed.Counts, ct) : null, null);
        }
        var stored = await StoreAsync(parsed.Counts, "csv",
            $"CSV '{fileName}', {parsed.RowsRead} rows, {parsed.Layout}", ct);
        return stored.IsOk ? new(parsed, false, stored.Value, null) : new(parsed, false, null, stored.Message);
    }

    public async Task<Outcome<StoredCounts>> PushAsync(IReadOnlyList<TicketCountInput>? items,
        CancellationToken ct = default)
    {
        if (items is null || items.Count == 0)
        {
            return Outcome<StoredCounts>.Invalid("Counts", "Send a JSON list of {date, channel, count} items.");
        }
        if (items.Count > MaxApiItems)
        {
            return Outcome<StoredCounts>.Invalid("Counts", $"Send at most {MaxApiItems:N0} items per request.");
        }
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = [])
            .Add(message);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Date is null)
            {
                Add($"Counts[{i}].Date", $"Item {i + 1} has no date (expected \"yyyy-MM-dd\").");
            }
            if (items[i].Count is null)
            {
                Add($"Counts[{i}].Count", $"Item {i + 1} has no count.");
            }
            if (TicketCsvParser.NormaliseChannel(items[i].Channel).Length > 60)
            {
                Add($"Counts[{i}].Channel", $"Item {i + 1} has a channel longer than 60 characters.");
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<StoredCounts>.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        var counts = items.Select(x => new DailyCount(x.Date!.Value, x.Count!.Value,
            TicketCsvParser.NormaliseChannel(x.Channel))).ToList();
        var warnings = new List<string>();
        foreach (var e in TicketCountValidator.Validate(counts))
        {
            if (e.Field == "Counts")
            {
                warnings.Add(e.Message);
            }
            else
            {
                var item = int.Parse(e.Field[7..e.Field.IndexOf(']', StringComparison.Ordinal)],
                    System.Globalization.CultureInfo.InvariantCulture) + 1;
                Add(e.Field, $"Item {item}: {e.Message}");
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<StoredCounts>.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        var stored = await StoreAsync(counts, "api", $"API push, {counts.Count} counts", ct);
        return stored.IsOk ? Outcome<StoredCounts>.Ok(stored.Value! with { Warnings = warnings }) : stored;
    }

    /// <summary>What an import would do, without doing it.</summary>
    private async Task<StoredCounts> CompareAsync(IReadOnlyList<DailyCount> counts, CancellationToken ct)
    {
        var existing = await ExistingAsync(counts, ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var c in counts)
        {
            if (!existing.TryGetValue((c.Date, c.Channel ?? ""), out var row))
            {
                added++;
            }
            else if (row.Count != c.Count)
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }
        return new(added, updated, unchanged, counts.Min(c => c.Date), counts.Max(c => c.Date), []);
    }

    private async Task<Outcome<StoredCounts>> StoreAsync(IReadOnlyList<DailyCount> counts, string source,
        string auditDetails, CancellationToken ct)
    {
        var existing = await ExistingAsync(counts, ct);
        var now = clock.GetUtcNow();
        int added = 0, updated = 0, unchanged = 0;
        foreach (var c in counts)
        {
            var channel = c.Channel ?? "";
            if (!existing.TryGetValue((c.Date, channel), out var row))
            {
                db.TicketVolumes.Add(new TicketVolumeEntity
                {
                    Date = c.Date,
                    Channel = channel,
                    Count = c.Count,
                    Source = source,
                    UpdatedAt = now
                });
                added++;
            }
            else if (row.Count != c.Count)
            {
                row.Count = c.Count;
                row.Source = source;
                row.UpdatedAt = now;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }
        var from = counts.Min(c => c.Date);
        var to = counts.Max(c => c.Date);
        if (added + updated > 0)
        {
            audit.Add("support.ticket-volume.import", "TicketVolume", $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}",
                $"{auditDetails}: {added} added, {updated} updated, {unchanged} unchanged");
            try
            {
                // One SaveChanges: every count of the batch, and its audit line, or none of them.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                logger.LogWarning(e, "Ticket volume import collided with another import");
                db.ChangeTracker.Clear();
                return Outcome<StoredCounts>.Conflict(
                    "Another import changed the same days at the same time; nothing was stored. Try again.");
            }
        }
        return Outcome<StoredCounts>.Ok(new(added, updated, unchanged, from, to, []));
    }

    private async Task<Dictionary<(DateOnly, string), TicketVolumeEntity>> ExistingAsync(
        IReadOnlyList<DailyCount> counts, CancellationToken ct)
    {
        var from = counts.Min(c => c.Date);
        var to = counts.Max(c => c.Date);
        var channels = counts.Select(c => c.Channel ?? "").Distinct().ToList();
        var rows = await db.TicketVolumes.Where(v => v.Date >= from && v.Date <= to && channels.Contains(v.Channel))
            .ToListAsync(ct);
        return rows.ToDictionary(v => (v.Date, v.Channel));
    }
}
