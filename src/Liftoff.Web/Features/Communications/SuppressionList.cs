using Liftoff.Data;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Communications;

public sealed record SuppressionView(int Id, string Email, string Reason, string? Note, DateTimeOffset CreatedAt,
    string? CreatedBy);

public sealed record SuppressionInput(string? Email, string? Note);

/// <summary>
/// Addresses no newsletter goes to: added by hand with a reason, or by a hard bounce, a complaint or
/// repeated soft bounces. Transactional email (the outbox) is not affected.
/// </summary>
public sealed class SuppressionList(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<SuppressionView>> ListAsync(string? search, CancellationToken ct = default)
    {
        var query = db.SuppressedAddresses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = EmailAddresses.Normalise(search);
            query = query.Where(s => s.Email.Contains(term));
        }
        return await query.OrderBy(s => s.Email).Take(500)
            .Select(s => new SuppressionView(s.Id, s.Email, s.Reason, s.Note, s.CreatedAt, s.CreatedBy))
                .ToListAsync(ct);
    }

    public async Task<Outcome<SuppressionView>> AddAsync(SuppressionInput input, string? actor,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.TryNormalise(input.Email, out _, out var normalised))
        {
            errors[nameof(input.Email)] = ["Enter a valid email address."];
        }
        if (string.IsNullOrWhiteSpace(input.Note) || input.Note.Length > 1000)
        {
            errors[nameof(input.Note)] = ["Say why the address is suppressed (at most 1000 characters)."];
        }
        if (errors.Count > 0 || normalised is null)
        {
            return Outcome<SuppressionView>.Invalid(errors);
        }
        if (await db.SuppressedAddresses.AnyAsync(s => s.Email == normalised, ct))
        {
            return Outcome<SuppressionView>.Conflict($"{normalised} is already on the suppression list.");
        }
        var row = new SuppressedAddress
        {
            Email = normalised,
            Reason = SuppressionReason.Manual,
            Note = input.Note!.Trim(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        db.SuppressedAddresses.Add(row);
        audit.Add("suppression.added", "SuppressedAddress", normalised, row.Note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Outcome<SuppressionView>.Conflict($"{normalised} is already on the suppression list.");
        }
        await SkipWaitingAsync(db, normalised, ct);
        return Outcome<SuppressionView>.Ok(new SuppressionView(row.Id, row.Email, row.Reason, row.Note, row.CreatedAt,
            row.CreatedBy));
    }

    /// <summary>Takes an address off the list (audited with who and the reason it had); later newsletters reach it
    /// again.</summary>
    public async Task<Outcome<bool>> RemoveAsync(string? email, CancellationToken ct = default)
    {
        var normalised = EmailAddresses.Normalise(email ?? "");
        var row = await db.SuppressedAddresses.FirstOrDefaultAsync(s => s.Email == normalised, ct);
        if (row is null)
        {
            return Outcome<bool>.NotFound();
        }
        db.SuppressedAddresses.Remove(row);
        audit.Add("suppression.removed", "SuppressedAddress", normalised, $"was {row.Reason}: {row.Note}");
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>
    /// Suppresses an address because of a bounce or complaint (nothing if it already is), in the caller's
    /// unit of work; returns whether it was added.
    /// </summary>
    public static async Task<bool> SuppressAsync(AppDbContext db, string email, string reason, string note,
        long? eventId, DateTimeOffset now, CancellationToken ct)
    {
        var normalised = EmailAddresses.Normalise(email);
        if (db.SuppressedAddresses.Local.Any(s => s.Email == normalised)
            || await db.SuppressedAddresses.AnyAsync(s => s.Email == normalised, ct))
        {
            return false;
        }
        db.SuppressedAddresses.Add(new SuppressedAddress
        {
            Email = normalised,
            Reason = reason,
            Note = note.Length > 1000 ? note[..1000] : note,
            CreatedAt = now,
            DeliveryEventId = eventId,
        });
        return true;
    }

    /// <summary>A campaign already scheduled does not send to the address either: its waiting rows are marked
    /// suppressed.</summary>
    public static Task<int> SkipWaitingAsync(AppDbContext db, string normalisedEmail, CancellationToken ct) =>
        db.NewsletterRecipients.Where(r => r.Email == normalisedEmail
                && (r.Status == RecipientStatus.Pending || r.Status == RecipientStatus.Claimed))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecipientStatus.Suppressed)
                .SetProperty(r => r.ClaimedBy, (string?)null), ct);
}
