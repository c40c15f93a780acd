using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Communications;

public sealed record ContactInput(string Email, string Name, int? OrganisationId, Audience? Audience, bool Consent);

public sealed record ContactView(int Id, string Email, string Name, Audience Audience, string? Organisation,
    string? ListName, bool Consent, DateTimeOffset? UnsubscribedAt);

public sealed record ImportRowError(int Row, string Email, string Message);

public sealed record ImportReport(int Imported, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Newsletter contacts: organisation contacts and imported list members, with consent and unsubscribe
/// state.</summary>
public sealed class ContactAdministration(
    AppDbContext db, AuditLog audit, TimeProvider clock, IOptions<UploadLimits> options)
{
    public async Task<IReadOnlyList<ContactView>> ListAsync(CancellationToken ct = default) =>
        await (from c in db.Contacts
               join o in db.Organisations on c.OrganisationId equals o.Id into orgs
               from o in orgs.DefaultIfEmpty()
               orderby c.Audience, c.NormalizedEmail
               select new ContactView(c.Id, c.Email, c.Name, c.Audience, o == null ? null : o.Name, c.ListName,
                   c.Consent, c.UnsubscribedAt))
            .ToListAsync(ct);

    public async Task<Outcome<ContactView>> AddAsync(ContactInput input, CancellationToken ct = default)
    {
        if (!EmailAddresses.TryNormalise(input.Email, out var email, out var normalized))
        {
            return Outcome<ContactView>.Invalid(nameof(input.Email), "Enter a valid email address.");
        }
        Audience audience;
        string? orgName = null;
        if (input.OrganisationId is { } orgId)
        {
            var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
            if (org is null)
            {
                return Outcome<ContactView>.Invalid(nameof(input.OrganisationId), "Choose an existing organisation.");
            }
            audience = org.Kind == OrganisationKind.Reseller ? Audience.Resellers : Audience.Customers;
            orgName = org.Name;
        }
        else if (input.Audience is { } a)
        {
            audience = a;
        }
        else
        {
            return Outcome<ContactView>.Invalid(nameof(input.Audience), "Choose an organisation or an audience.");
        }
        if (await db.Contacts.AnyAsync(c => c.Audience == audience && c.NormalizedEmail == normalized, ct))
        {
            return Outcome<ContactView>.Invalid(nameof(input.Email), $"{email} is already a contact in the " +
                $"{audience.ToString().ToLowerInvariant()} audience.");
        }
        var contact = new Contact
        {
            Email = email,
            NormalizedEmail = normalized,
            Name = (input.Name ?? "").Trim(),
            OrganisationId = input.OrganisationId,
            Audience = audience,
            Consent = input.Consent,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        audit.Add("contact.added", "Contact", Id(contact.Id), $"{email} ({audience})");
        await db.SaveChangesAsync(ct);
        return Outcome<ContactView>.Ok(new ContactView(contact.Id, contact.Email, contact.Name, audience, orgName,
            null, contact.Consent, null));
    }

    /// <summary>
    /// Imports a CSV list (columns: email, name, consent) into one audience. Every invalid or duplicate
    /// address is reported with its row; if there is any, nothing is imported. A file past the upload
    /// limits is refused before any row is read.
    /// </summary>
    public async Task<ImportReport> ImportCsvAsync(Stream csv, Audience audience, string listName,
        CancellationToken ct = default)
    {
        listName = (listName ?? "").Trim();
        var errors = new List<ImportRowError>();
        if (listName.Length == 0)
        {
            return new ImportReport(0, [new ImportRowError(0, "", "Give the list a name.")]);
        }
        var limits = options.Value;
        var (content, tooLarge) = await limits.ReadBoundedAsync(csv, ct);
        if ((tooLarge ?? CsvLimitScanner.Check(content, limits, limits.MaxContactRows)) is { } refused)
        {
            return new ImportReport(0, [new ImportRowError(0, "", refused)]);
        }
        var rows = new List<(int Row, string Email, string Name, bool Consent)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using (var reader = new StreamReader(new MemoryStream(content!, writable: false)))
        using (var parser = new CsvReader(reader, config))
        {
            if (!await parser.ReadAsync() || !parser.ReadHeader() || parser.HeaderRecord is null ||
                !parser.HeaderRecord.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                return new ImportReport(0, [new ImportRowError(1, "",
                    "The first row must be a header with at least an 'email' column (optional: name, consent).")]);
            }
            var hasConsent = parser.HeaderRecord.Any(h => h.Trim()
                .Equals("consent", StringComparison.OrdinalIgnoreCase));
            while (await parser.ReadAsync())
            {
                var row = parser.Parser.Row;
                var email = parser.GetField("email") ?? "";
                var name = parser.TryGetField<string>("name", out var n) ? n ?? "" : "";
                var consentText = hasConsent && parser.TryGetField<string>("consent", out var c) ? c ?? "" : "yes";
                if (email.Length == 0 && name.Length == 0)
                {
                    continue;
                }
                bool? consent = consentText.Trim().ToLowerInvariant() switch
                {
                    "yes" or "y" or "true" or "1" or "x" => true,
                    "no" or "n" or "false" or "0" or "" => false,
                    _ => null,
                };
                if (consent is null)
                {
                    errors.Add(new ImportRowError(row, email, $"Consent '{consentText}' is not yes or no."));
                    continue;
                }
                rows.Add((row, email, name, consent.Value));
            }
        }
        var existing = (await db.Contacts.Where(c => c.Audience == audience).Select(c => c.NormalizedEmail)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<Contact>();
        var now = clock.GetUtcNow();
        foreach (var (row, raw, name, consent) in rows)
        {
            if (!EmailAddresses.TryNormalise(raw, out var email, out var normalized))
            {
                errors.Add(new ImportRowError(row, raw, "Not a valid email address."));
                continue;
            }
            if (seen.TryGetValue(normalized, out var first))
            {
                errors.Add(new ImportRowError(row, raw, $"Duplicate of row {first}."));
                continue;
            }
            seen[normalized] = row;
            if (existing.Contains(normalized))
            {
                errors.Add(new ImportRowError(row, raw,
                    $"Already a contact in the {audience.ToString().ToLowerInvariant()} audience."));
                continue;
            }
            accepted.Add(new Contact
            {
                Email = email,
                NormalizedEmail = normalized,
                Name = name.Trim(),
                Audience = audience,
                ListName = listName,
                Consent = consent,
                CreatedAt = now
            });
        }
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }
        if (accepted.Count == 0)
        {
            return new ImportReport(0, [new ImportRowError(0, "", "The file has no rows.")]);
        }
        db.Contacts.AddRange(accepted);
        audit.Add("contacts.imported", "ContactList", listName, $"{accepted.Count} contact(s) into {audience}");
        await db.SaveChangesAsync(ct);
        return new ImportReport(accepted.Count, []);
    }

    /// <summary>Idempotent: a contact already unsubscribed stays unsubscribed from the first time.</summary>
    public async Task<bool> UnsubscribeAsync(int contactId, string how, CancellationToken ct = default)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
        {
            return false;
        }
        if (contact.UnsubscribedAt is null)
        {
            contact.UnsubscribedAt = clock.GetUtcNow();
            audit.Add("contact.unsubscribed", "Contact", Id(contact.Id), how, actorName: contact.Email);
            await db.SaveChangesAsync(ct);
        }
        // Whatever is still waiting for this contact is not sent.
        await db.NewsletterRecipients.Where(r => r.ContactId == contactId && (r.Status == RecipientStatus.Pending
                || r.Status == RecipientStatus.Claimed))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.Skipped), ct);
        return true;
    }

    public async Task<Outcome<bool>> SetConsentAsync(int contactId, bool consent, CancellationToken ct = default)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
        {
            return Outcome<bool>.NotFound();
        }
        contact.Consent = consent;
        if (consent)
        {
            contact.UnsubscribedAt = null;
        }
        audit.Add(consent ? "contact.consent-given" : "contact.consent-withdrawn", "Contact", Id(contact.Id),
            contact.Email);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
