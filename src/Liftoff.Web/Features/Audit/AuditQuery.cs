using Liftoff.Data;
using Liftoff.Data.Platform;
using Liftoff.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Audit;

public sealed record AuditFilter(string? Action = null, string? Actor = null, DateOnly? From = null,
    DateOnly? To = null, int Page = 1);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, bool HasMore);

/// <summary>Reads the audit log with filters, newest first.</summary>
public sealed class AuditQuery(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> RunAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            q = q.Where(a => a.Action.StartsWith(filter.Action.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            q = q.Where(a => a.ActorName.Contains(filter.Actor.Trim()));
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At < end);
        }
        var page = Math.Max(1, filter.Page);
        var rows = await q.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new AuditPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }
}

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async ([AsParameters] AuditFilter filter, AuditQuery query, CancellationToken ct) =>
                TypedResults.Ok(await query.RunAsync(filter, ct)))
            .RequireAuthorization(Policies.Admin).WithTags("Audit");
        return app;
    }
}
