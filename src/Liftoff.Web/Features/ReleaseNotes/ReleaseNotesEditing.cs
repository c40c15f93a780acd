using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.ReleaseNotes;

/// <param name="Audience">Whom the customer-facing notes are for; null keeps the current audiences.</param>
public sealed record CustomerNotesInput(string? CustomerMarkdown, string? CustomerImpactMarkdown, int RowVersion,
    NotesAudience? Audience = null);

/// <summary>Reads and edits a release's notes. Editing the customer-facing text clears the leads' approvals.</summary>
public sealed class ReleaseNotesEditing(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxItemLength = 4000;
    public const int MaxNotesLength = 100_000;

    public async Task<ReleaseNotesView?> GetAsync(int releaseId, CancellationToken ct = default)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId)
            .Select(r => new { r.Product, r.Version, r.Name }).FirstOrDefaultAsync(ct);
        if (release is null)
        {
            return null;
        }
        var title = Liftoff.Domain.Rollout.ReleaseNames.Display(release.Product, release.Version, release.Name);
        var notes = await db.ReleaseNotes.AsNoTracking().Include(n => n.Items)
            .FirstOrDefaultAsync(n => n.ReleaseId == releaseId, ct);
        if (notes is null)
        {
            return new ReleaseNotesView(releaseId, title, [], "", "", null, null, 0);
        }
        var approvers = new[] { notes.DeliveryApprovedByUserId, notes.CustomerSuccessApprovedByUserId }.OfType<string>()
            .ToList();
        var names = await db.Users.AsNoTracking().Where(u => approvers.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Approval? Approval(string? userId, DateTimeOffset? at) => userId is null ? null
            : new Approval(names.GetValueOrDefault(userId, "a former user"), at!.Value);
        return new ReleaseNotesView(releaseId, title,
            notes.Items.OrderBy(i => i.Position).ThenBy(i => i.Id)
                .Select(i => new NoteItemView(i.Id, i.Text, i.IsExternal)).ToList(),
            notes.CustomerMarkdown, notes.CustomerImpactMarkdown,
            Approval(notes.DeliveryApprovedByUserId, notes.DeliveryApprovedAt),
            Approval(notes.CustomerSuccessApprovedByUserId, notes.CustomerSuccessApprovedAt),
            notes.RowVersion, notes.Audience, notes.AnnouncedAt);
    }

    public async Task<Outcome<NoteItemView>> AddItemAsync(int releaseId, string? text, bool isExternal, string? userId,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxItemLength)
        {
            return Outcome<NoteItemView>.Invalid("ItemText", $"Write the item (at most {MaxItemLength} characters).");
        }
        var notes = await NotesAsync(releaseId, userId, ct);
        if (notes is null)
        {
            return Outcome<NoteItemView>.NotFound();
        }
        var position = notes.Id == 0 ? 0 : await db.ReleaseNoteItems.Where(i => i.ReleaseNotesId == notes.Id)
            .Select(i => (int?)i.Position).MaxAsync(ct) ?? 0;
        var item = new ReleaseNoteItem
        {
            Text = text.Trim(),
            IsExternal = isExternal,
            Position = position + 1,
            CreatedAt = clock.GetUtcNow()
        };
        notes.Items.Add(item);
        await db.SaveChangesAsync(ct);
        audit.Add("release-notes.item-added", "Release", Id(releaseId),
            $"[{(isExternal ? "external" : "internal")}] {item.Text}");
        await db.SaveChangesAsync(ct);
        return Outcome<NoteItemView>.Ok(new NoteItemView(item.Id, item.Text, item.IsExternal));
    }

    /// <summary>Marks an item internal or external. Items only feed the customer-facing text when it is generated, so
    /// approvals stay.</summary>
    public async Task<Outcome<bool>> SetItemExternalAsync(int releaseId, int itemId, bool isExternal,
        CancellationToken ct = default)
    {
        var item = await db.ReleaseNoteItems.FirstOrDefaultAsync(i => i.Id == itemId
            && db.ReleaseNotes.Any(n => n.Id == i.ReleaseNotesId && n.ReleaseId == releaseId), ct);
        if (item is null)
        {
            return Outcome<bool>.NotFound();
        }
        item.IsExternal = isExternal;
        audit.Add("release-notes.item-marked", "Release", Id(releaseId),
            $"{(isExternal ? "external" : "internal")}: {item.Text}");
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Removes an item; its text stays in the audit log.</summary>
    public async Task<Outcome<bool>> RemoveItemAsync(int releaseId, int itemId, CancellationToken ct = default)
    {
        var item = await db.ReleaseNoteItems.FirstOrDefaultAsync(i => i.Id == itemId
            && db.ReleaseNotes.Any(n => n.Id == i.ReleaseNotesId && n.ReleaseId == releaseId), ct);
        if (item is null)
        {
            return Outcome<bool>.NotFound();
        }
        db.ReleaseNoteItems.Remove(item);
        audit.Add("release-notes.item-removed", "Release", Id(releaseId),
            $"[{(item.IsExternal ? "external" : "internal")}] {item.Text}");
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>
    /// Saves the customer-facing notes if nobody saved since <see cref="CustomerNotesInput.RowVersion"/>;
    /// otherwise a conflict, and the caller shows the current text. A changed text loses its approvals.
    /// </summary>
    public async Task<Outcome<ReleaseNotesView>> SaveCustomerNotesAsync(int releaseId, CustomerNotesInput input,
        string? userId, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if ((input.CustomerMarkdown?.Length ?? 0) > MaxNotesLength)
        {
            errors[nameof(input.CustomerMarkdown)] = [$"The notes may be at most {MaxNotesLength} characters."];
        }
        if ((input.CustomerImpactMarkdown?.Length ?? 0) > MaxNotesLength)
        {
            errors[nameof(input.CustomerImpactMarkdown)] = [$"The section may be at most {MaxNotesLength} characters."];
        }
        if (errors.Count > 0)
        {
            return Outcome<ReleaseNotesView>.Invalid(errors);
        }
        var notes = await NotesAsync(releaseId, userId, ct);
        if (notes is null)
        {
            return Outcome<ReleaseNotesView>.NotFound();
        }
        if ((notes.Id == 0 ? 0 : notes.RowVersion) != input.RowVersion)
        {
            return Outcome<ReleaseNotesView>.Conflict(ConflictMessage);
        }
        var before = ReleaseNotesText.ApprovalHash(ReleaseNotesText.CustomerFacing(notes), notes.Audience);
        notes.CustomerMarkdown = (input.CustomerMarkdown ?? "").Trim();
        notes.CustomerImpactMarkdown = (input.CustomerImpactMarkdown ?? "").Trim();
        notes.Audience = input.Audience ?? notes.Audience;
        var changed = before != ReleaseNotesText.ApprovalHash(ReleaseNotesText.CustomerFacing(notes), notes.Audience);
        if (changed)
        {
            // The announcement was what the approved text said: it goes with the approvals. What was sent stays sent.
            notes.DeliveryApprovedByUserId = null;
            notes.DeliveryApprovedAt = null;
            notes.CustomerSuccessApprovedByUserId = null;
            notes.CustomerSuccessApprovedAt = null;
            ReleaseAnnouncements.Clear(notes);
            if (notes.Id != 0)
            {
                // Written even when they look cleared already, so an approval saved meanwhile cannot survive the edit.
                foreach (var p in ApprovalProperties)
                {
                    db.Entry(notes).Property(p).IsModified = true;
                }
            }
        }
        notes.UpdatedAt = clock.GetUtcNow();
        notes.UpdatedByUserId = userId;
        if (notes.Id != 0)
        {
            // The version the editor read, not the one just loaded: a save in between makes this one fail.
            db.Entry(notes).Property(n => n.RowVersion).OriginalValue = input.RowVersion;
        }
        audit.Add("release-notes.customer-edited", "Release", Id(releaseId), changed
            ? $"customer-facing notes for {ReleaseAnnouncements.Describe(notes.Audience)} changed; approvals and " +
                $"announcement cleared" : "saved without changes");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ReleaseNotesView>.Conflict(ConflictMessage);
        }
        return Outcome<ReleaseNotesView>.Ok((await GetAsync(releaseId, ct))!);
    }

    private static readonly string[] ApprovalProperties =
    [
        nameof(ReleaseNotesEntity.DeliveryApprovedByUserId), nameof(ReleaseNotesEntity.DeliveryApprovedAt),
        nameof(ReleaseNotesEntity.CustomerSuccessApprovedByUserId),
            nameof(ReleaseNotesEntity.CustomerSuccessApprovedAt),
        nameof(ReleaseNotesEntity.AnnouncedAt), nameof(ReleaseNotesEntity.AnnouncedItemIds),
        nameof(ReleaseNotesEntity.AnnouncedVersions), nameof(ReleaseNotesEntity.AnnouncedDates),
    ];

    public const string ConflictMessage =
        "Someone else saved these notes while you were editing. Below is the current text; apply your change to it " +
            "and save again.";

    /// <summary>The release's notes, created (unsaved) when it has none yet; null when there is no such
    /// release.</summary>
    private async Task<ReleaseNotesEntity?> NotesAsync(int releaseId, string? userId, CancellationToken ct)
    {
        var notes = await db.ReleaseNotes.FirstOrDefaultAsync(n => n.ReleaseId == releaseId, ct);
        if (notes is not null)
        {
            return notes;
        }
        if (!await db.Releases.AnyAsync(r => r.Id == releaseId, ct))
        {
            return null;
        }
        // Version 0 stands for "no notes yet" in forms, so the first stored version is 1.
        notes = new ReleaseNotesEntity
        {
            ReleaseId = releaseId,
            UpdatedAt = clock.GetUtcNow(),
            UpdatedByUserId = userId,
            RowVersion = 1
        };
        db.ReleaseNotes.Add(notes);
        return notes;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
