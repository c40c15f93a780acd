using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Similarity;

/// <summary>The embedding pass: requests indexed by their words get their vectors in small batches, outside any lock
/// a search waits on.</summary>
public sealed partial class SimilarRequestEngine
{
    /// <summary>Requests embedded together by the background pass: small, so each pass is short.</summary>
    public const int EmbedBatch = 16;

    /// <summary>
    /// Changes (of the change sequence) before the latest queued request within which a batch is drawn, in an order of
    /// each instance's own: what changed last is embedded within a few batches, and several instances embedding one
    /// import mostly take different rows.
    /// </summary>
    public const int EmbedSpan = EmbedBatch * 8;

    private readonly int _salt = Random.Shared.Next();
    private readonly SemaphoreSlim _embedding = new(1, 1);

    /// <summary>Embeds up to <see cref="EmbedBatch"/> queued requests, drawn from the latest changed (see
    /// <see cref="EmbedSpan"/>), stores their vectors and indexes them. Returns how many.</summary>
    public async Task<int> EmbedPendingAsync(CancellationToken ct = default)
    {
        await _embedding.WaitAsync(ct);
        try
        {
            // Latest changes first: the rows of a small import made while thousands of earlier imported rows wait are
            // embedded within the next few batches, not after them.
            var latest = _pending.IsEmpty ? 0 : _pending.Values.Max();
            var ids = _pending.Where(p => p.Value > latest - EmbedSpan).Select(p => p.Key)
                .OrderBy(id => HashCode.Combine(id, _salt)).Take(EmbedBatch).ToList();
            if (ids.Count == 0)
            {
                return 0;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.FeatureRequests.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    r.Title,
                    r.Description,
                    r.Status,
                    r.ChangeSeq,
                    r.Embedding
                }).ToListAsync(ct);
            // Rows gone, merged or embedded elsewhere meanwhile need nothing here: the catch-up brings their state.
            var todo = rows
                .Where(r => !_index.IsCurrent(r.Embedding) && r.Status != FeatureRequestStatus.Merged).ToList();
            foreach (var id in ids.Except(todo.Select(r => r.Id)))
            {
                _pending.TryRemove(id, out _);
            }
            if (todo.Count == 0)
            {
                return ids.Count;
            }
            var documents = todo.ConvertAll(r => new SimilarityDocument(r.Id, r.Title, r.Description));
            var vectors = _index.EmbedMany(documents, background: true);
            var stored = new List<SimilarityDocument>(todo.Count);
            for (var i = 0; i < todo.Count; i++)
            {
                var (id, seq, bytes) = (todo[i].Id, todo[i].ChangeSeq, _index.ToStored(vectors[i]));
                // Only if the request is as it was read: an edit meanwhile queues it again with its new text, and a
                // vector another instance stored meanwhile moved the change sequence too (the catch-up brings it).
                var written = await db.FeatureRequests.Where(r => r.Id == id && r.ChangeSeq == seq)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Embedding, bytes), ct);
                if (written == 1)
                {
                    stored.Add(documents[i] with { Embedding = vectors[i] });
                }
                _pending.TryRemove(new KeyValuePair<long, long>(id, seq));
            }
            _index.UpsertMany(stored);
            return ids.Count;
        }
        finally
        {
            _embedding.Release();
        }
    }
}
