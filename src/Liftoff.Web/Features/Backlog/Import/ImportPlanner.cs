using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog;
using Liftoff.Web.Features.Backlog.ProductAreas;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Import;

/// <summary>
/// Turns sheet rows into an import plan: validates every row (reporting its sheet and row number),
/// and matches requests, organisations and contacts already stored so a second import adds nothing.
/// </summary>
public sealed class ImportPlanner(AppDbContext db)
{
    private const string NoArea = "(no area)";

    public async Task<ImportPlan> PlanAsync(SheetFile file, ImportMapping mapping, CancellationToken ct = default)
    {
        var errors = new List<ImportRowProblem>();
        var warnings = new List<string>();
        if (file.Error is not null)
        {
            return Failed(file.Error);
        }
        if (mapping.Title is null)
        {
            return Failed("Choose the column that holds the request titles.");
        }
        var headers = file.Sheets.SelectMany(s => s.Headers).Where(h => h.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var (field, label) in ImportMapping.Fields)
        {
            if (mapping[field] is { } column && !headers.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new(null, 0, $"The column '{column}' chosen for {label.ToLowerInvariant()} is not in the " +
                    $"file."));
            }
        }
        var mapped = ImportMapping.Fields.Select(f => mapping[f.Field]).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = headers.Where(h => !mapped.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            warnings.Add($"Columns not imported: {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }
        if (errors.Count > 0)
        {
            return new ImportPlan(file.RowCount, errors, warnings, [], [], [], []);
        }

        var areas = await db.ProductAreas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var orgs = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var orgByName = orgs.GroupBy(o => o.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var orgNameById = orgs.ToDictionary(o => o.Id, o => o.Name);
        var contactOrg = (await db.Contacts.AsNoTracking().Where(c => c.OrganisationId != null)
            .Select(c => new { c.NormalizedEmail, c.OrganisationId }).ToListAsync(ct))
            .GroupBy(c => c.NormalizedEmail).ToDictionary(g => g.Key, g => g.First().OrganisationId!.Value);
        var knownEmails = (await db.Contacts.AsNoTracking().Select(c => c.NormalizedEmail).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var sources = await db.FeatureRequestSources.AsNoTracking().Select(s => new { s.SourceKey, s.RequestId })
            .ToDictionaryAsync(s => s.SourceKey, s => s.RequestId, ct);
        var existing = (await db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged)
                .Select(r => new { r.Id, r.Title, Area = r.Area == null ? null : r.Area.Name }).ToListAsync(ct))
            .GroupBy(r => SourceKey(r.Area, r.Title)).ToDictionary(g => g.Key, g => g.Min(r => r.Id));

        var requests = new Dictionary<string, PlannedRequest>(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, (string? Sheet, int Row)>(StringComparer.Ordinal);
        var emailOrgInFile = new Dictionary<string, string>(StringComparer.Ordinal);
        var rowsRead = 0;
        foreach (var sheet in file.Sheets)
        {
            var column = ImportMapping.Fields.ToDictionary(f => f.Field, f => mapping[f.Field] is { } name
                ? sheet.Headers.ToList().FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase))
                : -1);
            string Cell(SheetRow row, string field) => column[field] is var i && i >= 0
                && i < row.Cells.Count ? SafeCsv.Restore(row.Cells[i].Trim()) : "";
            foreach (var row in sheet.Rows)
            {
                if (row.Cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                rowsRead++;
                var rowErrors = new List<string>();
                var title = Collapse(SubmittedText.CleanLine(Cell(row, nameof(ImportMapping.Title))));
                var description = SubmittedText.CleanText(Cell(row, nameof(ImportMapping.Description)));
                var orgName = Collapse(Cell(row, nameof(ImportMapping.Organisation)));
                var contactName = Collapse(Cell(row, nameof(ImportMapping.ContactName)));
                var rawEmail = Cell(row, nameof(ImportMapping.ContactEmail));
                var areaName = AreasAdministration.CleanName(column[nameof(ImportMapping.Area)] >= 0 ? Cell(row,
                    nameof(ImportMapping.Area)) : sheet.Name ?? mapping.DefaultArea);
                if (areaName == NoArea)
                {
                    areaName = "";
                }
                if (title.Length == 0)
                {
                    rowErrors.Add("the title is empty.");
                }
                else if (!SubmittedText.HasVisibleCharacters(title))
                {
                    rowErrors.Add("the title shows no visible characters.");
                }
                else if (title.Length > 300)
                {
                    rowErrors.Add($"the title has {title.Length:N0} characters; at most 300.");
                }
                if (description.Length > 20_000)
                {
                    rowErrors.Add($"the description has {description.Length:N0} characters; at most 20,000.");
                }
                if (orgName.Length > 200)
                {
                    rowErrors.Add("the organisation name is longer than 200 characters.");
                }
                if (contactName.Length > 200)
                {
                    rowErrors.Add("the contact name is longer than 200 characters.");
                }
                if (areaName.Length > AreasAdministration.MaxNameLength)
                {
                    rowErrors.Add($"the product area name is longer than {AreasAdministration.MaxNameLength} " +
                        $"characters.");
                }
                string email = "";
                if (rawEmail.Length > 0)
                {
                    if (EmailAddresses.TryNormalise(rawEmail, out _, out var lookupKey))
                    {
                        email = lookupKey;
                    }
                    else
                    {
                        rowErrors.Add($"'{Clip(rawEmail)}' is not a valid email address.");
                    }
                    if (orgName.Length == 0)
                    {
                        rowErrors.Add("a contact needs the organisation they asked for.");
                    }
                }
                var statusText = Cell(row, nameof(ImportMapping.Status));
                var status = ParseStatus(statusText);
                if (status is null)
                {
                    rowErrors.Add($"the status '{Clip(statusText)}' is not one of New, Under review, Planned, In " +
                        $"development, Released, Declined.");
                }
                DateTimeOffset? at = null;
                var dateText = Cell(row, nameof(ImportMapping.Date));
                if (dateText.Length > 0)
                {
                    if (ParseDate(dateText) is { } d)
                    {
                        at = d;
                    }
                    else
                    {
                        rowErrors.Add($"the date '{Clip(dateText)}' is not a date (use e.g. 2025-03-14).");
                    }
                }
                if (email.Length > 0 && orgName.Length > 0)
                {
                    var orgKey = orgName.ToLowerInvariant();
                    if (contactOrg.TryGetValue(email, out var ownerId)
                        && (!orgByName.TryGetValue(orgKey, out var o) || o.Id != ownerId))
                    {
                        rowErrors.Add($"{email} is a contact of {orgNameById.GetValueOrDefault(ownerId)}, not of " +
                            $"{orgName}.");
                    }
                    else if (emailOrgInFile.TryGetValue(email, out var earlier) && earlier != orgKey)
                    {
                        rowErrors.Add($"{email} is already given for another organisation in this file.");
                    }
                    else
                    {
                        emailOrgInFile[email] = orgKey;
                    }
                }
                var key = SourceKey(areaName, title);
                var requestorKey = $"{key}\n{orgName.ToLowerInvariant()}\n{email}";
                if (rowErrors.Count == 0 && firstRowOf.TryGetValue(requestorKey, out var first))
                {
                    rowErrors.Add(first.Sheet == sheet.Name
                        ? $"repeats row {first.Row}."
                        : $"repeats row {first.Row} of sheet '{first.Sheet}'.");
                }
                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors.Select(m => new ImportRowProblem(sheet.Name, row.Number, Capital(m))));
                    continue;
                }
                firstRowOf[requestorKey] = (sheet.Name, row.Number);
                if (!requests.TryGetValue(key, out var request))
                {
                    long? match = sources.TryGetValue(key, out var s) ? s : existing.TryGetValue(key,
                        out var e) ? e : null;
                    request = new PlannedRequest(key, areaName.Length == 0 ? null : areaName, title, description,
                        status!.Value, at, match, [], []);
                    requests[key] = request;
                }
                request.Rows.Add(new SheetRowRef(sheet.Name, row.Number));
                if (orgName.Length > 0)
                {
                    request.Votes.Add(new PlannedVote(orgName, email, contactName, at));
                }
            }
        }
        if (errors.Count > 0)
        {
            return new ImportPlan(rowsRead, errors, warnings, [], [], [], []);
        }
        if (rowsRead == 0)
        {
            return Failed("The file has a header but no rows.");
        }

        // Requestors already counted on matched requests are not added again.
        var matchedIds = requests.Values.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var votes = (await db.RequestVotes.AsNoTracking().Where(v => matchedIds.Contains(v.RequestId))
                .Select(v => new { v.RequestId, v.OrganisationId, v.ContactEmail }).ToListAsync(ct))
            .Select(v => (v.RequestId, v.OrganisationId, v.ContactEmail)).ToHashSet();
        foreach (var r in requests.Values.Where(r => r.ExistingId is not null))
        {
            r.Votes.RemoveAll(v => orgByName.TryGetValue(v.Organisation.ToLowerInvariant(), out var o)
                && votes.Contains((r.ExistingId!.Value, o.Id, v.Email)));
        }
        var planned = requests.Values.Where(r => r.ExistingId is null || r.Votes.Count > 0).ToList();
        var areaNames = areas.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var newAreas = planned.Where(r => r.ExistingId is null).Select(r => r.Area).OfType<string>()
            .Where(a => !areaNames.Contains(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var allVotes = planned.SelectMany(r => r.Votes).ToList();
        var newOrgs = allVotes.Select(v => v.Organisation).Where(o => !orgByName.ContainsKey(o.ToLowerInvariant()))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var newContacts = allVotes.Where(v => v.Email.Length > 0 && !knownEmails.Contains(v.Email)).Select(v => v.Email)
            .Distinct(StringComparer.Ordinal).ToList();
        if (requests.Count > 0 && planned.Count == 0)
        {
            warnings.Add("Every request and requestor of this file is already in the backlog: importing adds nothing.");
        }
        return new ImportPlan(rowsRead, [], warnings, planned, newAreas, newOrgs, newContacts);

        ImportPlan Failed(string message) => new(file.RowCount, [new ImportRowProblem(null, 0, message)], warnings, [],
            [], [], []);
    }

    /// <summary>The identity of a request in a sheet: its area and its title, ignoring case and spacing.</summary>
    public static string SourceKey(string? area, string title)
    {
        var key = $"{Collapse(area ?? "").ToLowerInvariant()}|{Collapse(title).ToLowerInvariant()}";
        return key.Length > 450 ? key[..450] : key;
    }

    public static FeatureRequestStatus? ParseStatus(string text) =>
        new string(text.Where(char.IsLetter).ToArray()).ToLowerInvariant() switch
        {
            "new" or "open" or "" => FeatureRequestStatus.New,
            "underreview" or "inreview" or "review" => FeatureRequestStatus.UnderReview,
            "planned" => FeatureRequestStatus.Planned,
            "indevelopment" or "development" or "inprogress" => FeatureRequestStatus.InDevelopment,
            "released" or "done" or "shipped" => FeatureRequestStatus.Released,
            "declined" or "rejected" or "wontdo" => FeatureRequestStatus.Declined,
            _ => null,
        };

    private static DateTimeOffset? ParseDate(string text)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "d.M.yyyy",
            "dd.MM.yyyy", "d/M/yyyy", "dd/MM/yyyy"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
        {
            return new DateTimeOffset(d, TimeSpan.Zero);
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var o) ? o.ToUniversalTime() : null;
    }

    private static string Collapse(string s) => string.Join(' ',
        s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
