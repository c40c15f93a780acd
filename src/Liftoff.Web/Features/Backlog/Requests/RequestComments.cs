using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Web.Infrastructure.Audit;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Requests;

public sealed record CommentInput(string? Body);

public sealed record NotesInput(string? InternalNotes, int? RowVersion);

public sealed record CommentView(long Id, long RequestId, string Body, string AuthorName, DateTimeOffset CreatedAt,
    bool FromMergedRequest);

/// <summary>Staff comments and internal notes on a request (never shown outside the company).</summary>
public sealed class RequestComments(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CommentView>> AddAsync(long requestId, CommentInput input, string? userId,
        string authorName, CancellationToken ct = default)
    {
        var body = input.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            return Outcome<CommentView>.Invalid("Body", "Write the comment first.");
        }
        if (body.Length > 10_000)
        {
            return Outcome<CommentView>.Invalid("Body", "Keep a comment under 10,000 characters.");
        }
        var request = await db.FeatureRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.Status, r.MergedIntoId }).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return Outcome<CommentView>.NotFound();
        }
        if (request.Status == FeatureRequestStatus.Merged)
        {
            return Outcome<CommentView>.Conflict($"#{requestId} is merged into #{request.MergedIntoId}; comment " +
                $"there.");
        }
        var comment = new RequestComment
        {
            RequestId = requestId,
            Body = body,
            AuthorUserId = userId,
            AuthorName = authorName,
            CreatedAt = clock.GetUtcNow()
        };
        db.RequestComments.Add(comment);
        audit.Add("request.commented", "request", requestId.ToString(CultureInfo.InvariantCulture),
            body.Length > 200 ? body[..200] : body);
        await db.SaveChangesAsync(ct);
        return Outcome<CommentView>.Ok(new CommentView(comment.Id, requestId, body, authorName,
            comment.CreatedAt, false));
    }

    /// <summary>The request's comments and those of the requests merged into it, oldest first.</summary>
    public async Task<IReadOnlyList<CommentView>> ListAsync(long requestId, CancellationToken ct = default)
    {
        var merged = db.FeatureRequests.Where(r => r.MergedIntoId == requestId).Select(r => r.Id);
        var rows = await db.RequestComments.AsNoTracking()
            .Where(c => c.RequestId == requestId || merged.Contains(c.RequestId))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return rows.Select(c => new CommentView(c.Id, c.RequestId, c.Body, c.AuthorName, c.CreatedAt,
            c.RequestId != requestId)).ToList();
    }

    public async Task<Outcome<int>> UpdateNotesAsync(long requestId, NotesInput input, CancellationToken ct = default)
    {
        var notes = input.InternalNotes?.Trim() ?? "";
        if (notes.Length > 20_000)
        {
            return Outcome<int>.Invalid("InternalNotes", "Keep internal notes under 20,000 characters.");
        }
        var request = await db.FeatureRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return Outcome<int>.NotFound();
        }
        if (input.RowVersion is { } v && v != request.RowVersion)
        {
            return Outcome<int>.Conflict("Someone else changed this request meanwhile. Reload to see their notes; " +
                "yours are kept in the form.");
        }
        request.InternalNotes = notes;
        audit.Add("request.notes.updated", "request", requestId.ToString(CultureInfo.InvariantCulture),
            $"{notes.Length} characters");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict("Someone else changed this request meanwhile. Reload to see their notes; " +
                "yours are kept in the form.");
        }
        return Outcome<int>.Ok(request.RowVersion);
    }
}
