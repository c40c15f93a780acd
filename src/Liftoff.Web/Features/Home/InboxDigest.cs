using System.Globalization;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liftoff.Web.Features.Home;

/// <summary>
/// The daily "Waiting for you" email: once a day per person, only when their list is not empty, never
/// to someone who switched it off. The outbox keeps the key (person, day) unique, so several instances
/// or passes in one day queue it once.
/// </summary>
public sealed class InboxDigest(
    AppDbContext db,
    WaitingForYou inbox,
    Outbox outbox,
    PublicLinks links,
    IOptions<RolloutOptions> options,
    TimeProvider clock) : IReminderPassStep
{
    public const string Kind = "inbox.digest";

    public static string DeduplicationKey(string userId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}:{userId}:{day:yyyy-MM-dd}");

    Task IReminderPassStep.RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>Queues today's digests not queued yet; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (now.UtcDateTime.Hour < options.Value.DigestHourUtc)
        {
            return 0;
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var staffRoles = new[] { Roles.Admin, Roles.Lead, Roles.Staff };
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.InboxDigest && u.Email != null &&
                db.UserRoles.Any(ur => ur.UserId == u.Id &&
                    db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var queued = 0;
        foreach (var person in people)
        {
            var key = DeduplicationKey(person.Id, today);
            if (await db.Outbox.AnyAsync(m => m.DeduplicationKey == key, ct))
            {
                continue;
            }
            var items = await inbox.ForAsync(person.Id, ct);
            if (items.Count == 0)
            {
                continue;
            }
            if (!await outbox.EnqueueAsync(Email(person.Email!, person.DisplayName, items), Kind, key, ct))
            {
                continue;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Another instance queued this person's digest a moment earlier.
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }

    private OutgoingEmail Email(string to, string name, IReadOnlyList<InboxItem> items)
    {
        var text = new StringBuilder();
        var wait = items.Count == 1 ? "waits" : "wait";
        text.AppendLine(CultureInfo.InvariantCulture, $"Hello {name},").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"{WaitingForYou.Plural(items.Count, "thing")} {wait} for you in Liftoff:")
            .AppendLine();
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {item.Title}")
                .AppendLine(CultureInfo.InvariantCulture, $"  {item.Detail}")
                .AppendLine(CultureInfo.InvariantCulture, $"  {links.To(item.Link)}");
        }
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"You get this email on days when something waits. Switch it off on your home page: {links.To("/")}");
        var subject = $"Liftoff: {WaitingForYou.Plural(items.Count, "thing")} " +
            $"{(items.Count == 1 ? "waits" : "wait")} for you";
        return new OutgoingEmail(to, name, subject, text.ToString());
    }
}
