using System.Security.Claims;
using Liftoff.Data;
using Liftoff.Data.Platform;

namespace Liftoff.Web.Infrastructure.Audit;

/// <summary>
/// Adds entries to the append-only audit log. Entries join the caller's unit of work, so an audited
/// change and its audit line are saved together or not at all.
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public AuditEntry Add(string action, string? targetType = null, string? targetId = null, string details = "",
        string? actorName = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = actorName ?? user?.Identity?.Name ?? (context is null ? "command line" : "anonymous"),
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details.Length > 4000 ? details[..4000] : details,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Records an entry on its own, for events with no other change to save (e.g. a failed sign-in).</summary>
    public async Task WriteAsync(string action, string? targetType = null, string? targetId = null,
        string details = "", string? actorName = null, CancellationToken ct = default)
    {
        Add(action, targetType, targetId, details, actorName);
        await db.SaveChangesAsync(ct);
    }
}
