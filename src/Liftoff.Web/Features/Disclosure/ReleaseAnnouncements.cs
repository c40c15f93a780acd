using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Domain.Disclosure;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Disclosure;

/// <summary>"Announced on 2027-01-04 to resellers and customers with release Software 5.3".</summary>
public sealed record AnnouncementView(DateTimeOffset At, NotesAudience Audience, int ReleaseId, string ReleaseTitle)
{
    public string AudienceText => ReleaseAnnouncements.Describe(Audience);
}

/// <summary>
/// The announcement a release's approved customer-facing notes make, as stored with the notes, and
/// where a roadmap item was announced.
/// </summary>
public sealed class ReleaseAnnouncements(AppDbContext db)
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The releases whose approved notes announce the item (at most one in practice).</summary>
    public async Task<IReadOnlyList<AnnouncementView>> ForItemAsync(int itemId, CancellationToken ct = default)
    {
        var id = itemId.ToString(CultureInfo.InvariantCulture);
        var rows = await db.ReleaseNotes.AsNoTracking().Where(n => n.AnnouncedAt != null)
            .Join(db.Releases, n => n.ReleaseId, r => r.Id, (n, r) => new
            {
                n.AnnouncedAt,
                n.Audience,
                n.AnnouncedItemIds,
                n.ReleaseId,
                r.Product,
                r.Version,
                r.Name,
            })
            .ToListAsync(ct);
        return rows.Where(r => Split(r.AnnouncedItemIds).Contains(id))
            .Select(r => new AnnouncementView(r.AnnouncedAt!.Value, r.Audience, r.ReleaseId,
                Liftoff.Domain.Rollout.ReleaseNames.Display(r.Product, r.Version, r.Name)))
            .ToList();
    }

    public static string Describe(NotesAudience audience) => audience switch
    {
        NotesAudience.Resellers => "resellers",
        NotesAudience.Customers => "customers",
        _ => "resellers and customers",
    };

    public static void Store(ReleaseNotesEntity notes, Announcement announcement, DateTimeOffset at)
    {
        notes.AnnouncedAt = at;
        notes.AnnouncedItemIds = string.Join(';', announcement.ItemIds);
        notes.AnnouncedVersions = string.Join(';', announcement.Versions);
        notes.AnnouncedDates = string.Join(';', announcement.Dates.Select(d =>
            d.First.ToString(DateFormat, CultureInfo.InvariantCulture) + ".." +
            d.Last.ToString(DateFormat, CultureInfo.InvariantCulture)));
    }

    public static void Clear(ReleaseNotesEntity notes)
    {
        notes.AnnouncedAt = null;
        notes.AnnouncedItemIds = "";
        notes.AnnouncedVersions = "";
        notes.AnnouncedDates = "";
    }

    public static Announcement Parse(string itemIds, string versions, string dates)
    {
        var spans = new List<DateSpan>();
        foreach (var span in Split(dates))
        {
            var parts = span.Split("..");
            if (parts.Length == 2 &&
                DateOnly.TryParseExact(parts[0], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var first) &&
                DateOnly.TryParseExact(parts[1], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var last))
            {
                spans.Add(new DateSpan(first, last));
            }
        }
        return new Announcement(Split(itemIds), Split(versions), spans);
    }

    private static string[] Split(string value) => value.Split(';',
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
