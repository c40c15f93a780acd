using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Organisations;

public sealed record OrganisationInput(
    [property: Required(ErrorMessage = "Give the organisation a name."), StringLength(200)] string Name,
    OrganisationKind Kind,
    [property: StringLength(100)] string? Segment,
    [property: StringLength(100)] string? Tier,
    [property: StringLength(100)] string? Country);

public sealed record OrganisationView(int Id, string Name, OrganisationKind Kind, string? Segment, string? Tier,
    string? Country, int Contacts, int Votes);

public sealed record OrganisationContact(int Id, string Name, string Email, bool Consent,
    DateTimeOffset? UnsubscribedAt, int RowVersion);

public sealed record OrganisationContactInput(
    [property: Required(ErrorMessage = "Give the contact's email address."), StringLength(320)] string Email,
    [property: StringLength(200)] string? Name);

/// <summary>
/// Resellers and customers and their contacts. A contact's newsletter audience follows its
/// organisation's kind. Organisations that anything refers to are never deleted.
/// </summary>
public sealed class OrganisationAdministration(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<OrganisationView>> ListAsync(CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new OrganisationView(o.Id, o.Name, o.Kind, o.Segment, o.Tier, o.Country,
                db.Contacts.Count(c => c.OrganisationId == o.Id), db.RequestVotes.Count(v => v.OrganisationId == o.Id)))
            .ToListAsync(ct);

    public async Task<OrganisationView?> GetAsync(int id, CancellationToken ct = default) =>
        (await ListWhereAsync(id, ct)).FirstOrDefault();

    public async Task<IReadOnlyList<OrganisationContact>> ContactsAsync(int organisationId,
        CancellationToken ct = default) =>
        await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == organisationId).OrderBy(c => c.Name)
            .ThenBy(c => c.NormalizedEmail)
            .Select(c => new OrganisationContact(c.Id, c.Name, c.Email, c.Consent, c.UnsubscribedAt, c.RowVersion))
                .ToListAsync(ct);

    public async Task<Outcome<OrganisationView>> CreateAsync(OrganisationInput input, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(input, null, ct);
        if (errors is not null)
        {
            return Outcome<OrganisationView>.Invalid(errors);
        }
        var org = new OrganisationEntity { CreatedAt = clock.GetUtcNow() };
        Apply(org, input);
        db.Organisations.Add(org);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Outcome<OrganisationView>.Conflict(NameTaken(org.Name));
        }
        audit.Add("organisation.created", "Organisation", Id(org.Id), $"{org.Name} ({org.Kind})");
        await db.SaveChangesAsync(ct);
        return Outcome<OrganisationView>.Ok((await GetAsync(org.Id, ct))!);
    }

    public async Task<Outcome<OrganisationView>> UpdateAsync(int id, OrganisationInput input,
        CancellationToken ct = default)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return Outcome<OrganisationView>.NotFound();
        }
        var errors = await ValidateAsync(input, id, ct);
        if (errors is not null)
        {
            return Outcome<OrganisationView>.Invalid(errors);
        }
        var before = $"{org.Name} ({org.Kind}, {org.Segment}, {org.Tier}, {org.Country})";
        if (org.Kind != input.Kind)
        {
            // The contacts move to the other newsletter audience with their organisation.
            var audience = AudienceOf(input.Kind);
            var contacts = await db.Contacts.Where(c => c.OrganisationId == id).ToListAsync(ct);
            var emails = contacts.Select(c => c.NormalizedEmail).ToList();
            var clash = await db.Contacts.Where(c => c.Audience == audience && emails.Contains(c.NormalizedEmail)
                && c.OrganisationId != id)
                .Select(c => c.Email).FirstOrDefaultAsync(ct);
            if (clash is not null)
            {
                return Outcome<OrganisationView>.Invalid(nameof(input.Kind),
                    $"{clash} is already a contact in the {audience.ToString()
                        .ToLowerInvariant()} audience; change that contact first. Nothing was changed.");
            }
            contacts.ForEach(c => c.Audience = audience);
        }
        Apply(org, input);
        audit.Add("organisation.updated", "Organisation", Id(id),
            $"{before} → {org.Name} ({org.Kind}, {org.Segment}, {org.Tier}, {org.Country})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Outcome<OrganisationView>.Conflict(NameTaken(org.Name));
        }
        return Outcome<OrganisationView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Only an organisation nothing refers to may go: votes, contacts and accounts are kept.</summary>
    public async Task<Outcome<bool>> DeleteAsync(int id, CancellationToken ct = default)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return Outcome<bool>.NotFound();
        }
        var votes = await db.RequestVotes.CountAsync(v => v.OrganisationId == id, ct);
        var contacts = await db.Contacts.CountAsync(c => c.OrganisationId == id, ct);
        var users = await db.Users.CountAsync(u => u.OrganisationId == id, ct);
        if (votes + contacts + users > 0)
        {
            return Outcome<bool>.Conflict($"{org.Name} has {votes} vote(s), {contacts} contact(s) and {users} portal " +
                $"account(s); it cannot be deleted, so that nothing recorded for it is lost.");
        }
        db.Organisations.Remove(org);
        audit.Add("organisation.deleted", "Organisation", Id(id), org.Name);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<OrganisationContact>> AddContactAsync(int organisationId, OrganisationContactInput input,
        CancellationToken ct = default)
    {
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null)
        {
            return Outcome<OrganisationContact>.NotFound();
        }
        var (email, error) = await CheckAddressAsync(input, AudienceOf(org.Kind), null, ct);
        if (error is not null)
        {
            return Outcome<OrganisationContact>.Invalid(nameof(input.Email), error);
        }
        var contact = new Contact
        {
            OrganisationId = organisationId,
            Audience = AudienceOf(org.Kind),
            Email = email!,
            NormalizedEmail = EmailAddresses.Normalise(email!),
            Name = (input.Name ?? "").Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        audit.Add("contact.added", "Contact", Id(contact.Id), $"{contact.Email} of {org.Name}");
        await db.SaveChangesAsync(ct);
        return Outcome<OrganisationContact>.Ok(ToView(contact));
    }

    public async Task<Outcome<OrganisationContact>> UpdateContactAsync(int organisationId, int contactId,
        OrganisationContactInput input, int rowVersion, CancellationToken ct = default)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId
            && c.OrganisationId == organisationId, ct);
        if (contact is null)
        {
            return Outcome<OrganisationContact>.NotFound();
        }
        if (contact.RowVersion != rowVersion)
        {
            return Outcome<OrganisationContact>.Conflict("Someone else changed this contact meanwhile; reload the " +
                "page and try again.");
        }
        var (email, error) = await CheckAddressAsync(input, contact.Audience, contactId, ct);
        if (error is not null)
        {
            return Outcome<OrganisationContact>.Invalid(nameof(input.Email), error);
        }
        var before = $"{contact.Name} <{contact.Email}>";
        contact.Email = email!;
        contact.NormalizedEmail = EmailAddresses.Normalise(email!);
        contact.Name = (input.Name ?? "").Trim();
        audit.Add("contact.updated", "Contact", Id(contactId), $"{before} → {contact.Name} <{contact.Email}>");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<OrganisationContact>.Conflict("Someone else changed this contact meanwhile; reload the " +
                "page and try again.");
        }
        return Outcome<OrganisationContact>.Ok(ToView(contact));
    }

    public static Audience AudienceOf(OrganisationKind kind) =>
        kind == OrganisationKind.Reseller ? Audience.Resellers : Audience.Customers;

    private async Task<(string? Email, string? Error)> CheckAddressAsync(OrganisationContactInput input,
        Audience audience, int? exceptId, CancellationToken ct)
    {
        if ((input.Name ?? "").Trim().Length > 200)
        {
            return (null, "The name is longer than 200 characters.");
        }
        if (!EmailAddresses.TryNormalise(input.Email, out var email, out var normalized))
        {
            return (null, "Enter a valid email address, e.g. kim@reseller.example.");
        }
        var taken = await db.Contacts.AsNoTracking().Where(c => c.NormalizedEmail == normalized && c.Id != exceptId)
            .Select(c => new
            {
                c.Audience,
                Organisation = db.Organisations.Where(o => o.Id == c.OrganisationId)
                .Select(o => o.Name).FirstOrDefault()
            })
            .ToListAsync(ct);
        if (taken.FirstOrDefault(t => t.Organisation is not null) is { } other)
        {
            return (null, $"{email} is already a contact of {other.Organisation}.");
        }
        if (taken.Any(t => t.Audience == audience))
        {
            return (null, $"{email} is already in the {audience.ToString()
                .ToLowerInvariant()} audience (an imported list); nothing was added.");
        }
        return (email, null);
    }

    private async Task<Dictionary<string, string[]>?> ValidateAsync(OrganisationInput input, int? exceptId,
        CancellationToken ct)
    {
        var errors = Validation.Errors(input);
        if (!Enum.IsDefined(input.Kind))
        {
            errors[nameof(input.Kind)] = ["Choose reseller or customer."];
        }
        var name = (input.Name ?? "").Trim();
        if (errors.Count == 0 && name.Length == 0)
        {
            errors[nameof(input.Name)] = ["Give the organisation a name."];
        }
        if (errors.Count == 0)
        {
            var names = await db.Organisations.Where(o => o.Id != exceptId).Select(o => o.Name).ToListAsync(ct);
            if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors[nameof(input.Name)] = [NameTaken(name)];
            }
        }
        return errors.Count == 0 ? null : errors;
    }

    private static string NameTaken(string name) => $"An organisation named {name} already exists.";

    private static void Apply(OrganisationEntity org, OrganisationInput input)
    {
        org.Name = input.Name.Trim();
        org.Kind = input.Kind;
        org.Segment = Blank(input.Segment);
        org.Tier = Blank(input.Tier);
        org.Country = Blank(input.Country);
    }

    private async Task<List<OrganisationView>> ListWhereAsync(int id, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationView(o.Id, o.Name, o.Kind, o.Segment, o.Tier, o.Country,
                db.Contacts.Count(c => c.OrganisationId == o.Id), db.RequestVotes.Count(v => v.OrganisationId == o.Id)))
            .ToListAsync(ct);

    private static OrganisationContact ToView(Contact c) =>
        new(c.Id, c.Name, c.Email, c.Consent, c.UnsubscribedAt, c.RowVersion);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
