using System.Globalization;
using Liftoff.Data;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

/// <summary>Both fields are required: a PUT replaces the setting and must say which version it changes.</summary>
public sealed record PortalSharingInput(bool? Shared, int? RowVersion);

public sealed record PortalSharingView(long Id, bool Shared, int RowVersion);

/// <summary>
/// Staff decide whether every portal user may see a request's title (it still passes the disclosure
/// guard for each reader). The description stays with the organisations that asked.
/// </summary>
public sealed class PortalSharing(AppDbContext db, AuditLog audit)
{
    private const string Changed = "Someone else changed this request meanwhile. Reload and choose again.";

    public async Task<Outcome<PortalSharingView>> SetAsync(
        long id, PortalSharingInput input, CancellationToken ct = default)
    {
        if (input.Shared is not { } shared || input.RowVersion is not { } version)
        {
            return Outcome<PortalSharingView>.Invalid(new Dictionary<string, string[]>
            {
                ["Shared"] = ["Say whether the request is shared with all portal users (shared: true or false)."],
                ["RowVersion"] = ["Send the rowVersion of the request you looked at."],
            }.Where(e => e.Key == "Shared" ? input.Shared is null : input.RowVersion is null).ToDictionary());
        }
        var request = await db.FeatureRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome<PortalSharingView>.NotFound();
        }
        if (request.MergedIntoId is { } kept)
        {
            return Outcome<PortalSharingView>.Conflict($"#{id} was merged into #{kept}; share #{kept} instead.");
        }
        if (version != request.RowVersion)
        {
            return Outcome<PortalSharingView>.Conflict(Changed);
        }
        if (request.SharedWithPortal != shared)
        {
            request.SharedWithPortal = shared;
            audit.Add(shared ? "request.shared" : "request.unshared", "request",
                id.ToString(CultureInfo.InvariantCulture),
                shared ? "title shown to all portal users" : "shown only to its requestors");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<PortalSharingView>.Conflict(Changed);
            }
        }
        return Outcome<PortalSharingView>.Ok(new PortalSharingView(id, request.SharedWithPortal, request.RowVersion));
    }
}
