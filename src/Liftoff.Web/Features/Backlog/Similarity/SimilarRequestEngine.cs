using System.Collections.Concurrent;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Domain.Backlog.Similarity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Features.Backlog.Similarity;

public sealed record Suggestion(long Id, string Title, FeatureRequestStatus Status, int Votes, double Score,
    double TextScore, double MeaningScore);

/// <summary>
/// The one similar-request search used by the intake page, the API and the benchmark harness: the
/// in-process index is built from the database and follows the changes of every instance by the
/// requests' change sequence (<see cref="FeatureRequest.ChangeSeq"/>), which the database sets in
/// commit order, so no row is missed.
/// </summary>
/// <remarks>
/// Two steps keep a new request findable at once and suggestions never stalled. Catching up reads
/// the rows after the last position seen and indexes their words (and their stored vectors) right
/// away; rows without a vector are queued. The embedding pass then embeds queued rows in small
/// batches, outside any lock, stores the vectors and adds them to the index. A search never waits
/// for an embedding; it catches up a small page of changes itself, after at most one catch-up page
/// of the indexer, so what its caller just saved is what it finds.
/// Vectors are stored with the requests, so each is computed once for all instances. A stored vector of
/// another size (from an earlier model) counts as none: the request is found by its words and embedded again.
/// </remarks>
public sealed partial class SimilarRequestEngine(ITextEmbedder embedder, IServiceScopeFactory scopes,
    ILogger<SimilarRequestEngine> logger) : IDisposable
{
    /// <summary>Rows per catch-up query; a search may wait for the page applied (2,000 rows: 0.55 s).</summary>
    public const int CatchUpPage = 500;

    /// <summary>Rows a search catches up itself before answering; the indexer takes larger backlogs.</summary>
    public const int SearchCatchUpPage = 100;

    /// <summary>How long a search waits for a catch-up page another caller is applying.</summary>
    public static readonly TimeSpan SearchCatchUpWait = TimeSpan.FromMilliseconds(250);

    /// <summary>Rows applied in one catch-up after which the word index returns its spare room.</summary>
    public const int TrimAfter = 5000;

    private readonly SimilarRequestIndex _index = new(embedder);
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly ConcurrentDictionary<long, long> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);
    private long _position;

    public int Indexed => _index.Count;

    /// <summary>Requests indexed by their words whose vector is still to be computed.</summary>
    public int PendingEmbeddings => _pending.Count;

    /// <summary>The highest change position this instance's index has applied.</summary>
    public long Position => Interlocked.Read(ref _position);

    public SimilarRequestIndex Index => _index;

    public float[] Embed(string title, string? description) => _index.Embed(title, description);

    /// <summary>Loads the models of both paths, saving and searching, by embedding one text each way.</summary>
    public void WarmUp()
    {
        _index.Embed("warm up", null);
        _index.EmbedQuery("warm up", null);
    }

    /// <summary>Tells the indexer that requests changed, so it catches up now rather than at its next poll.</summary>
    public void Changed()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits until <see cref="Changed"/> is called or the delay passes.</summary>
    public async Task WaitForChangeAsync(TimeSpan delay, CancellationToken ct) => await _wake.WaitAsync(delay, ct);

    /// <summary>Brings the index fully up to date, vectors included: catches up, then embeds everything
    /// queued.</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        while (await EmbedPendingAsync(ct) > 0)
        {
            await CatchUpAsync(ct);
        }
        await CatchUpAsync(ct);
    }

    /// <summary>
    /// Applies every change after the last position seen: words and stored vectors are indexed, rows
    /// without a vector are queued for the embedding pass. Returns the rows applied.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        var applied = 0;
        int read;
        do
        {
            // One page at a time, so a search waiting to catch up itself waits for one page at most.
            await _catchUp.WaitAsync(ct);
            try
            {
                read = await CatchUpPageAsync(CatchUpPage, ct);
            }
            finally
            {
                _catchUp.Release();
            }
            applied += read;
        }
        while (read == CatchUpPage);
        if (applied >= TrimAfter)
        {
            _index.TrimExcess();
        }
        if (applied > 0)
        {
            logger.LogDebug(
                "Similar-request index applied {Count} changes up to {Position}; {Pending} await a vector",
                applied, Position, _pending.Count);
        }
        return applied;
    }

    public async Task<IReadOnlyList<Suggestion>> SearchAsync(string? title, string? description, int limit = 5,
        long? excludeId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
        {
            return [];
        }
        var (typedTitle, typedDescription) = (Clip(title), Clip(description));
        // The query is embedded on pool threads (one per model) while this one reads the changes:
        // the database's answer costs no time on top of the embedding.
        var embedding = Task.Run(() => _index.EmbedQuery(typedTitle, typedDescription), ct);
        // A request saved, merged or unmerged a moment ago is found as it now is: the search catches
        // up a small page itself, after the page the indexer may be applying. A larger backlog is the
        // indexer's; if its page takes too long, the search answers from the index as it stands.
        if (await _catchUp.WaitAsync(SearchCatchUpWait, ct))
        {
            try
            {
                await CatchUpPageAsync(SearchCatchUpPage, ct);
            }
            finally
            {
                _catchUp.Release();
            }
        }
        var hits = _index.Search(new SimilarityQuery(typedTitle, typedDescription, limit, excludeId), await embedding);
        if (hits.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = hits.Select(h => h.Id).ToList();
        // Merged or deleted requests are never suggested, even before this instance's index hears of them.
        var rows = await db.FeatureRequests.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Status != FeatureRequestStatus.Merged)
            .Select(r => new { r.Id, r.Title, r.Status, Votes = r.Votes.Count }).ToDictionaryAsync(r => r.Id, ct);
        return hits.Where(h => rows.ContainsKey(h.Id))
            .Select(h => new Suggestion(h.Id, rows[h.Id].Title, rows[h.Id].Status, rows[h.Id].Votes, h.Score,
                h.TextScore, h.MeaningScore)).ToList();
    }

    public void Dispose()
    {
        _index.Dispose();
        _catchUp.Dispose();
        _embedding.Dispose();
        _wake.Dispose();
    }

    // Caller holds _catchUp.
    private async Task<int> CatchUpPageAsync(int size, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var after = _position;
        var rows = await db.FeatureRequests.AsNoTracking().Where(r => r.ChangeSeq > after).OrderBy(r => r.ChangeSeq)
            .Take(size)
            .Select(r => new { r.Id, r.Title, r.Description, r.Status, r.Embedding, r.ChangeSeq }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }
        var live = new List<SimilarityDocument>(rows.Count);
        foreach (var r in rows)
        {
            if (r.Status == FeatureRequestStatus.Merged)
            {
                _pending.TryRemove(r.Id, out _);
                _index.Remove(r.Id);
                continue;
            }
            var vector = _index.FromStored(r.Embedding);
            if (vector is null)
            {
                _pending[r.Id] = r.ChangeSeq;
            }
            else
            {
                _pending.TryRemove(r.Id, out _);
            }
            live.Add(new SimilarityDocument(r.Id, r.Title, r.Description, vector));
        }
        // Small steps: a search waits for the index's write lock only while one step is applied.
        foreach (var chunk in live.Chunk(256))
        {
            _index.UpsertMany(chunk, embedMissing: false);
        }
        Interlocked.Exchange(ref _position, rows[^1].ChangeSeq);
        return rows.Count;
    }

    // Typed text may be anything up to a pasted novel; the engine only needs the start of it.
    private static string Clip(string? text) => text is null ? "" : text.Length > 4000 ? text[..4000] : text;
}
