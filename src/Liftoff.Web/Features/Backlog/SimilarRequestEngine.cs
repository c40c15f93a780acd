using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog;

public sealed record Suggestion(long Id, string Title, FeatureRequestStatus Status, int Votes, double Score, double TextScore, double MeaningScore);

/// <summary>
/// The one similar-request search used by the intake page, the API and the benchmark harness: the
/// in-process index is rebuilt from the database and catches up with changes made by any instance
/// (embeddings are stored with the requests, so they are computed once).
/// </summary>
public sealed class SimilarRequestEngine(ITextEmbedder embedder, IServiceScopeFactory scopes, ILogger<SimilarRequestEngine> logger) : IDisposable
{
    private readonly SimilarRequestIndex _index = new(embedder);
    private readonly SemaphoreSlim _sync = new(1, 1);
    private DateTimeOffset _watermark = DateTimeOffset.MinValue;

    public int Indexed => _index.Count;

    public SimilarRequestIndex Index => _index;

    public float[] Embed(string title, string? description) => _index.Embed(title, description);

    /// <summary>Brings the index up to date with the database; cheap when nothing changed.</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        await _sync.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var latest = await db.FeatureRequests.MaxAsync(r => (DateTimeOffset?)r.UpdatedAt, ct);
            if (latest is null || latest <= _watermark)
            {
                return;
            }
            var changed = await db.FeatureRequests.Where(r => r.UpdatedAt > _watermark).OrderBy(r => r.UpdatedAt).ToListAsync(ct);
            foreach (var batch in changed.Chunk(64))
            {
                var missing = batch.Where(r => r.Embedding is null && r.Status != FeatureRequestStatus.Merged).ToList();
                if (missing.Count > 0)
                {
                    var vectors = _index.EmbedMany(missing.Select(r => new SimilarityDocument(r.Id, r.Title, r.Description)).ToList());
                    for (var i = 0; i < missing.Count; i++)
                    {
                        missing[i].Embedding = EmbeddingBytes.ToBytes(vectors[i]);
                    }
                    // Saved without touching UpdatedAt: storing a vector is not a change of the request.
                    await db.SaveChangesAsync(ct);
                }
                foreach (var r in batch.Where(r => r.Status == FeatureRequestStatus.Merged))
                {
                    _index.Remove(r.Id);
                }
                _index.UpsertMany(batch.Where(r => r.Status != FeatureRequestStatus.Merged)
                    .Select(r => new SimilarityDocument(r.Id, r.Title, r.Description, EmbeddingBytes.FromBytes(r.Embedding))).ToList());
            }
            _watermark = latest.Value;
            logger.LogInformation("Similar-request index holds {Count} requests", _index.Count);
        }
        finally
        {
            _sync.Release();
        }
    }

    public async Task<IReadOnlyList<Suggestion>> SearchAsync(string? title, string? description, int limit = 5, long? excludeId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
        {
            return [];
        }
        await SyncAsync(ct);
        var hits = _index.Search(Clip(title), Clip(description), limit, excludeId);
        if (hits.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = hits.Select(h => h.Id).ToList();
        // Merged or deleted requests are never suggested, even before this instance's index hears of them.
        var rows = await db.FeatureRequests.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status != FeatureRequestStatus.Merged)
            .Select(r => new { r.Id, r.Title, r.Status, Votes = r.Votes.Count }).ToDictionaryAsync(r => r.Id, ct);
        return hits.Where(h => rows.ContainsKey(h.Id))
            .Select(h => new Suggestion(h.Id, rows[h.Id].Title, rows[h.Id].Status, rows[h.Id].Votes, h.Score, h.TextScore, h.MeaningScore)).ToList();
    }

    // Typed text may be anything up to a pasted novel; the engine only needs the start of it.
    private static string Clip(string? text) => text is null ? "" : text.Length > 4000 ? text[..4000] : text;

    public void Dispose()
    {
        _index.Dispose();
        _sync.Dispose();
    }
}

/// <summary>Builds the index in the background after start-up and keeps it in step with other instances.</summary>
public sealed class SimilarRequestIndexer(SimilarRequestEngine engine, ILogger<SimilarRequestIndexer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Similar-request index refresh failed");
            }
            await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
