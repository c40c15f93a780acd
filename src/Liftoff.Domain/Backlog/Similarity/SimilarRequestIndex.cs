namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Finds requests similar to a text: BM25F over title and description fused with sentence-embedding
/// cosine similarity. The one engine behind web suggestions, the API and the evaluation.
/// </summary>
/// <remarks>
/// Thread-safe: searches run concurrently under a read lock; changes take the write lock only to
/// apply a prepared document (embedding and tokenising happen outside it). A rebuild prepares a new
/// state without any lock, replays the changes made meanwhile, and swaps it in.
/// </remarks>
public sealed partial class SimilarRequestIndex : IDisposable
{
    private readonly ITextEmbedder _embedder;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private IndexState _state;
    private List<Action<IndexState>>? _changesDuringRebuild;

    public SimilarRequestIndex(ITextEmbedder embedder, SimilaritySettings? settings = null)
    {
        _embedder = embedder;
        Settings = settings ?? new SimilaritySettings();
        _state = new IndexState(Settings, embedder.Dimension);
        EmbeddingScheme = EmbeddingBytes.SchemeOf($"{embedder.Name}|{Settings.EmbeddingWordPieces}");
    }

    public SimilaritySettings Settings { get; }

    public int Dimension => _embedder.Dimension;

    /// <summary>The tag stored with this index's vectors: the embedder's name (its models and how texts are put to
    /// them) and the word pieces embedded. Vectors tagged otherwise are embedded again (see <see
    /// cref="EmbeddingBytes"/>).</summary>
    public uint EmbeddingScheme { get; }

    /// <summary>The stored form of a vector this index made.</summary>
    public byte[] ToStored(ReadOnlySpan<float> vector) => EmbeddingBytes.ToBytes(vector, EmbeddingScheme);

    /// <summary>Whether a stored vector was made by this index's scheme (checked without reading it).</summary>
    public bool IsCurrent(byte[]? stored) =>
        stored is not null && EmbeddingBytes.IsOf(stored, EmbeddingScheme, Dimension);

    /// <summary>A stored vector, or null when it is missing or was made by another scheme.</summary>
    public float[]? FromStored(byte[]? stored) =>
        stored is null ? null : EmbeddingBytes.FromBytes(stored, EmbeddingScheme, Dimension);

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _state.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Distinct terms and posting entries of the word index, to see what its memory holds.</summary>
    public (int Terms, long Postings) WordIndexSize
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return (_state.Text.TermCount, _state.Text.PostingCount);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>The text embedded for a request or a query, built identically for both.</summary>
    public string EmbeddingTextFor(string title, string? description) =>
        EmbeddingText.Compose(title, description, Settings.EmbeddingWordPieces);

    /// <summary>The vector to store with a request, so that later loads need not recompute it.</summary>
    public float[] Embed(string title, string? description) => EmbedMany(
        [new SimilarityDocument(0, title, description)])[0];

    /// <summary>Vectors for many requests at once (the embedder batches them), in input order.</summary>
    /// <param name="background">Work nobody waits on: it gives way to searches' query embeddings.</param>
    public float[][] EmbedMany(IReadOnlyList<SimilarityDocument> documents, bool background = false)
    {
        if (documents.Count == 0)
        {
            return [];
        }
        var texts = documents.Select(d => EmbeddingTextFor(d.Title, d.Description)).ToList();
        var vectors = background ? _embedder.EmbedInBackground(texts) : _embedder.Embed(texts);
        foreach (var v in vectors)
        {
            Normalise(v);
        }
        return vectors;
    }

    /// <summary>The vector of a typed query: as <see cref="Embed"/>, with the model's query instruction, if
    /// any.</summary>
    public float[] EmbedQuery(string title, string? description)
    {
        var pieces = Settings.QueryWordPieces > 0 ? Settings.QueryWordPieces : Settings.EmbeddingWordPieces;
        var vector = _embedder.EmbedQueries([EmbeddingText.Compose(title, description, pieces)])[0];
        Normalise(vector);
        return vector;
    }

    public void Upsert(SimilarityDocument document) => UpsertMany([document]);

    /// <summary>
    /// Adds or replaces requests. Those without an embedding are embedded in one batch, or, with
    /// <paramref name="embedMissing"/> false, indexed by their words alone until they are upserted
    /// again with a vector.
    /// </summary>
    public void UpsertMany(IReadOnlyList<SimilarityDocument> documents, bool embedMissing = true)
    {
        var prepared = Prepare(documents, embedMissing);
        Apply(state =>
        {
            foreach (var p in prepared)
            {
                state.Upsert(p.Document, p.Embedding, p.TitleEmbedding, p.TitleTerms, p.BodyTerms);
            }
        });
    }

    /// <summary>
    /// Returns the spare room of the word index after many requests were added one by one (a
    /// start-up catch-up or a large import); searches wait while it runs, a fraction of a second.
    /// </summary>
    public void TrimExcess() => Apply(state => state.TrimExcess(), log: false);

    /// <summary>Removes a request; false when it was not indexed.</summary>
    public bool Remove(long id)
    {
        var removed = false;
        Apply(state => removed = state.Remove(id));
        return removed;
    }

    /// <summary>Replaces the whole contents. Searches keep using the old contents until the swap.</summary>
    public void Rebuild(IReadOnlyList<SimilarityDocument> documents)
    {
        _rebuildGate.Wait();
        try
        {
            SetChangeLog([]);
            var next = new IndexState(Settings, Dimension);
            next.Reserve(documents.Count);
            foreach (var p in Prepare(documents))
            {
                next.Upsert(p.Document, p.Embedding, p.TitleEmbedding, p.TitleTerms, p.BodyTerms);
            }
            next.TrimExcess();
            _lock.EnterWriteLock();
            try
            {
                foreach (var change in _changesDuringRebuild!)
                {
                    change(next);
                }
                _state = next;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            SetChangeLog(null);
            _rebuildGate.Release();
        }
    }

    /// <summary>The most similar requests to a title and description (either may be partial, as typed).</summary>
    public IReadOnlyList<SimilarRequest> Search(string title, string? description, int limit = 10,
        long? excludeId = null)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
        {
            return [];
        }
        var query = new SimilarityQuery(title, description, limit, excludeId);
        return Search(query, EmbedQuery(title, description));
    }

    /// <summary>As <see cref="Search(string, string?, int, long?)"/> with the query already embedded.</summary>
    public IReadOnlyList<SimilarRequest> Search(SimilarityQuery query, float[] queryEmbedding)
    {
        if (query.Limit <= 0)
        {
            return [];
        }
        var bm25 = Settings.Bm25;
        var terms = Bm25Query.From(
            SearchTokenizer.Tokenize(query.Title),
            SearchTokenizer.Tokenize(query.Description, bm25.MaxBodyTerms),
            bm25);
        var plain = CodeTerms.Count(query.Title, 1) + CodeTerms.Count(query.Description, 1) == 0;
        _lock.EnterReadLock();
        try
        {
            return Search(_state, query, terms, queryEmbedding, plain);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _rebuildGate.Dispose();
    }

    private List<PreparedDocument> Prepare(IReadOnlyList<SimilarityDocument> documents, bool embedMissing = true)
    {
        var missing = embedMissing ? documents.Where(d => d.Embedding is null).ToList() : [];
        var computed = EmbedMany(missing);
        var next = 0;
        var maxBody = Settings.Bm25.MaxBodyTerms;
        var titleVectors = Settings.TitleVectors && embedMissing
            ? _embedder.Embed(documents.Select(d => EmbeddingTextFor(d.Title, null)).ToList())
            : null;
        var at = 0;
        return documents.Select(d =>
        {
            // A zero vector scores a cosine of 0: the request is found by its words only.
            var embedding = d.Embedding ?? (embedMissing ? computed[next++] : new float[Dimension]);
            if (embedding.Length != Dimension)
            {
                throw new ArgumentException(
                    $"request {d.Id}: embedding has {embedding.Length} dimensions, expected {Dimension}",
                        nameof(documents));
            }
            var titleEmbedding = titleVectors?[at];
            at++;
            return new PreparedDocument(d, embedding, titleEmbedding, SearchTokenizer.Tokenize(d.Title),
                SearchTokenizer.Tokenize(d.Description, maxBody));
        }).ToList();
    }

    private void Apply(Action<IndexState> change, bool log = true)
    {
        _lock.EnterWriteLock();
        try
        {
            change(_state);
            if (log)
            {
                _changesDuringRebuild?.Add(change);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void SetChangeLog(List<Action<IndexState>>? log)
    {
        _lock.EnterWriteLock();
        try
        {
            _changesDuringRebuild = log;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private sealed record PreparedDocument(SimilarityDocument Document, float[] Embedding, float[]? TitleEmbedding,
        List<string> TitleTerms, List<string> BodyTerms);
}

/// <summary>What to search for; <paramref name="ExcludeId"/> leaves out the request being viewed.</summary>
public sealed record SimilarityQuery(string Title, string? Description, int Limit = 10, long? ExcludeId = null);
