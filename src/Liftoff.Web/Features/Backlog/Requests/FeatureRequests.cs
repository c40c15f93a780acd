using Liftoff.Data;
using Liftoff.Data.Backlog;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record RequestView(long Id, string Title, string Description, string? Area, FeatureRequestStatus Status,
    int Votes, IReadOnlyList<string> Requestors, long? MergedIntoId = null);

/// <summary>Feature requests as staff list and open them: title, area, status, votes and who asked.</summary>
public sealed class FeatureRequests(AppDbContext db)
{
    public async Task<RequestView?> GetAsync(long id, CancellationToken ct = default)
    {
        var r = await db.FeatureRequests.AsNoTracking().Include(x => x.Area).Include(x => x.Votes)
            .ThenInclude(v => v.Organisation)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? null : new RequestView(r.Id, r.Title, r.Description, r.Area?.Name, r.Status, r.Votes.Count,
            r.Votes.OrderBy(v => v.CreatedAt).Select(v => $"{v.ContactName} <{v.ContactEmail}>, {v.Organisation?.Name}")
                .ToList(), r.MergedIntoId);
    }

    public async Task<IReadOnlyList<RequestView>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.FeatureRequests.AsNoTracking().Where(r => r.Status != FeatureRequestStatus.Merged)
            .Select(r => new { r.Id, r.Title, r.Description, Area = r.Area!.Name, r.Status, Votes = r.Votes.Count })
            .OrderByDescending(r => r.Votes).ThenBy(r => r.Id).Take(500).ToListAsync(ct);
        return rows.Select(r => new RequestView(r.Id, r.Title, r.Description, r.Area, r.Status, r.Votes, [])).ToList();
    }
}
