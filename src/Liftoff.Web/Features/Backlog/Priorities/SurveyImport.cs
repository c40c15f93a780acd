using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Backlog.Priorities;

public sealed record SurveyRow(int Row, long RequestId, string Title, double? PreviousScore, double Score);

public sealed record SurveyRowError(int Row, string Value, string Message);

/// <summary>What an import did or, on a dry run, would do. Nothing is stored when there is any error.</summary>
public sealed record SurveyImportReport(bool DryRun, bool Stored, IReadOnlyList<SurveyRow> Rows,
    IReadOnlyList<SurveyRowError> Errors)
{
    public int Changed => Rows.Count(r => r.PreviousScore != r.Score);
}

/// <summary>
/// Imports customer-survey results: a CSV with a request column (its number or exact title) and a
/// score column (a score or a count). Each row sets that request's survey result, so importing the
/// same file again changes nothing.
/// </summary>
public sealed class SurveyImport(
    AppDbContext db, Prioritisation priorities, AuditLog audit, TimeProvider clock, IOptions<UploadLimits> options)
{
    private static readonly string[] RequestColumns = ["request", "request id", "id", "title", "request title"];
    private static readonly string[] ScoreColumns = ["score", "count", "votes", "responses", "result"];

    public async Task<SurveyImportReport> ImportAsync(Stream csv, bool dryRun, string? userId,
        CancellationToken ct = default)
    {
        var limits = options.Value;
        var (content, tooLarge) = await limits.ReadBoundedAsync(csv, ct);
        if ((tooLarge ?? CsvLimitScanner.Check(content, limits, limits.MaxSurveyRows)) is { } refused)
        {
            return Fail(dryRun, new SurveyRowError(0, "", refused));
        }
        var errors = new List<SurveyRowError>();
        var parsed = new List<(int Row, string Request, double Score)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = true,
        };
        try
        {
            using var reader = new StreamReader(new MemoryStream(content!, writable: false));
            using var parser = new CsvReader(reader, config);
            if (!await parser.ReadAsync() || !parser.ReadHeader() || parser.HeaderRecord is null)
            {
                return Fail(dryRun, new SurveyRowError(1, "", "The file is empty: the first row must be a header " +
                    "such as “request,score”."));
            }
            var headers = parser.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var requestColumn = RequestColumns.FirstOrDefault(headers.Contains);
            var scoreColumn = ScoreColumns.FirstOrDefault(headers.Contains);
            if (requestColumn is null || scoreColumn is null)
            {
                return Fail(dryRun, new SurveyRowError(1, string.Join(",", parser.HeaderRecord),
                    "The header needs a request column (request, id or title) and a score column (score or count)."));
            }
            while (await parser.ReadAsync())
            {
                var row = parser.Parser.Row;
                if (parsed.Count + errors.Count >= limits.MaxSurveyRows)
                {
                    errors.Add(new SurveyRowError(row, "", UploadLimits.TooManyRows(limits.MaxSurveyRows)));
                    break;
                }
                var request = parser.GetField(requestColumn)?.Trim() ?? "";
                var scoreText = parser.GetField(scoreColumn)?.Trim() ?? "";
                if (request.Length == 0 && scoreText.Length == 0)
                {
                    continue;
                }
                if (request.Length == 0)
                {
                    errors.Add(new SurveyRowError(row, scoreText, "The request is missing."));
                }
                else if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                    || !double.IsFinite(score) || score < 0 || score > 1_000_000)
                {
                    errors.Add(new SurveyRowError(row, scoreText, "The score must be a number from 0 to 1,000,000 " +
                        "(use a dot for decimals)."));
                }
                else
                {
                    parsed.Add((row, request, score));
                }
            }
        }
        catch (CsvHelperException e)
        {
            return Fail(dryRun, new SurveyRowError(0, "", "The file is not a readable CSV: " +
                "" + e.Message.Split('\n')[0]));
        }

        var requests = await db.FeatureRequests.AsNoTracking()
            .Select(r => new { r.Id, r.Title, r.Status, r.MergedIntoId }).ToListAsync(ct);
        var byId = requests.ToDictionary(r => r.Id);
        var byTitle = requests.Where(r => r.Status != FeatureRequestStatus.Merged)
            .ToLookup(r => r.Title.Trim(), StringComparer.OrdinalIgnoreCase);
        var current = await db.RequestPriorities.AsNoTracking()
            .ToDictionaryAsync(p => p.RequestId, p => p.SurveyScore, ct);
        var rows = new List<SurveyRow>();
        var seen = new Dictionary<long, int>();
        foreach (var (row, text, score) in parsed)
        {
            var number = text.TrimStart('#');
            long? id = null;
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && byId.ContainsKey(n))
            {
                id = n;
            }
            else if (byTitle[text].ToList() is { Count: > 0 } matches)
            {
                if (matches.Count > 1)
                {
                    errors.Add(new SurveyRowError(row, text, $"Several requests have this title ({string.Join(", " +
                        "", matches.Select(m => $"#{m.Id}"))}); use the request number."));
                    continue;
                }
                id = matches[0].Id;
            }
            if (id is not { } requestId)
            {
                errors.Add(new SurveyRowError(row, text, "No request has this number or title."));
                continue;
            }
            var target = byId[requestId];
            if (target.Status == FeatureRequestStatus.Merged)
            {
                errors.Add(new SurveyRowError(row, text, $"#{requestId} is merged into #{target.MergedIntoId}; use " +
                    $"#{target.MergedIntoId}."));
                continue;
            }
            if (seen.TryGetValue(requestId, out var firstRow))
            {
                errors.Add(new SurveyRowError(row, text, $"#{requestId} already appears on row {firstRow}; give each " +
                    $"request one row."));
                continue;
            }
            seen[requestId] = row;
            rows.Add(new SurveyRow(row, requestId, target.Title, current.GetValueOrDefault(requestId), score));
        }
        if (errors.Count > 0 || dryRun)
        {
            return new SurveyImportReport(dryRun, false, rows, errors.OrderBy(e => e.Row).ToList());
        }

        try
        {
            await StoreAsync(rows, userId, ct);
        }
        catch (DbUpdateException)
        {
            return Fail(false, new SurveyRowError(0, "", "Someone changed the same requests' inputs at the same " +
                "moment; nothing was imported. Try again."));
        }
        return new SurveyImportReport(false, true, rows, []);
    }

    private async Task StoreAsync(List<SurveyRow> rows, string? userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var changed = rows.Where(r => r.PreviousScore != r.Score).ToList();
        var ids = changed.Select(r => r.RequestId).ToList();
        var existing = await db.RequestPriorities.Where(p => ids.Contains(p.RequestId))
            .ToDictionaryAsync(p => p.RequestId, ct);
        foreach (var r in changed)
        {
            if (!existing.TryGetValue(r.RequestId, out var p))
            {
                p = new RequestPriority { RequestId = r.RequestId };
                db.RequestPriorities.Add(p);
            }
            p.SurveyScore = r.Score;
            p.SurveyImportedAt = now;
            p.UpdatedAt = now;
        }
        audit.Add("backlog.survey.imported", "request", null, $"{rows.Count} row(s), {changed.Count} changed");
        await db.SaveChangesAsync(ct);
        if (ids.Count > 0)
        {
            await priorities.RecordAsync(ids, "survey result imported", userId, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static SurveyImportReport Fail(bool dryRun, SurveyRowError error) => new(dryRun, false, [], [error]);
}
