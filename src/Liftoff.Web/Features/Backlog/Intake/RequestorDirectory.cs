using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Features.Organisations;
using Liftoff.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Intake;

/// <summary>
/// A requestor is a contact of the organisation they ask for. An address that belongs to another
/// organisation's contact is refused; a new address becomes a contact of the organisation.
/// </summary>
public static class RequestorDirectory
{
    /// <summary>Returns why the requestor is refused, or null; a new contact is added to <paramref name="db"/>
    /// unsaved.</summary>
    public static async Task<string?> CheckAsync(AppDbContext db, int organisationId, string contactEmail,
        string? contactName, DateTimeOffset now, CancellationToken ct)
    {
        var email = contactEmail.Trim();
        var normalized = EmailAddresses.Normalise(email);
        var known = await db.Contacts.AsNoTracking().Where(c => c.NormalizedEmail == normalized)
            .Select(c => new { c.OrganisationId, c.Audience }).ToListAsync(ct);
        if (known.Any(c => c.OrganisationId == organisationId))
        {
            return null;
        }
        if (known.FirstOrDefault(c => c.OrganisationId is not null) is { } other)
        {
            var (mine, theirs) = await OrganisationNamesAsync(db, organisationId, other.OrganisationId!.Value, ct);
            return $"{email} is a contact of {theirs}, not of {mine}: a contact's vote counts only for their own " +
                $"organisation. Choose {theirs} or another contact; nothing was added.";
        }
        var kind = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Kind).FirstAsync(ct);
        var audience = OrganisationAdministration.AudienceOf(kind);
        var pending = db.ChangeTracker.Entries<Contact>()
            .Any(e => e.State == EntityState.Added && e.Entity.NormalizedEmail == normalized);
        if (!pending && !known.Any(c => c.Audience == audience))
        {
            db.Contacts.Add(new Contact
            {
                OrganisationId = organisationId,
                Audience = audience,
                Email = email,
                NormalizedEmail = normalized,
                Name = (contactName ?? "").Trim(),
                CreatedAt = now,
            });
        }
        return null;
    }

    private static async Task<(string Mine, string Theirs)> OrganisationNamesAsync(AppDbContext db, int mine,
        int theirs, CancellationToken ct)
    {
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == mine || o.Id == theirs)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return (names.GetValueOrDefault(mine, "this organisation"), names.GetValueOrDefault(theirs, "another " +
            "organisation"));
    }
}
