namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// The searchable contents of a <see cref="SimilarRequestIndex"/>: both indexes addressed by the
/// same slots, so their scores line up without lookups. Freed slots are reused to keep the vector
/// rows dense. Not thread-safe.
/// </summary>
internal sealed class IndexState(SimilaritySettings settings, int dimension)
{
    private readonly Dictionary<long, int> _slotOf = [];
    private readonly Stack<int> _freeSlots = new();
    private long[] _idOf = [];

    public Bm25Index Text { get; } = new(settings.Bm25);

    public VectorIndex Vectors { get; } = new(dimension, settings.FullPrecisionVectors, settings.Centring);

    /// <summary>Title-only vectors, when <see cref="SimilaritySettings.TitleVectors"/> is on.</summary>
    public VectorIndex? TitleVectors { get; } = settings.TitleVectors
        ? new(dimension, settings.FullPrecisionVectors, settings.Centring)
        : null;

    /// <summary>One past the highest slot ever used.</summary>
    public int SlotCount { get; private set; }

    public int Count => _slotOf.Count;

    public long IdAt(int slot) => _idOf[slot];

    public bool IsLive(int slot) => Vectors.Contains(slot);

    /// <summary>Sizes the storage for a known number of requests, avoiding growth by doubling.</summary>
    public void Reserve(int count)
    {
        Array.Resize(ref _idOf, Math.Max(_idOf.Length, count));
        _slotOf.EnsureCapacity(count);
        Text.Reserve(count);
        Vectors.Reserve(count);
        TitleVectors?.Reserve(count);
    }

    /// <summary>Returns spare room after a large load; see <see cref="Bm25Index.TrimExcess"/>.</summary>
    public void TrimExcess() => Text.TrimExcess();

    public bool TryGetSlot(long id, out int slot) => _slotOf.TryGetValue(id, out slot);

    public void Upsert(SimilarityDocument document, float[] embedding, float[]? titleEmbedding,
        IReadOnlyList<string> titleTerms, IReadOnlyList<string> bodyTerms)
    {
        if (!_slotOf.TryGetValue(document.Id, out var slot))
        {
            slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : SlotCount++;
            if (slot >= _idOf.Length)
            {
                Array.Resize(ref _idOf, Math.Max(16, Math.Max(slot + 1, _idOf.Length * 2)));
            }
            _slotOf[document.Id] = slot;
            _idOf[slot] = document.Id;
        }
        Text.Set(slot, titleTerms, bodyTerms);
        Vectors.Set(slot, embedding);
        TitleVectors?.Set(slot, titleEmbedding ?? new float[embedding.Length]);
    }

    public bool Remove(long id)
    {
        if (!_slotOf.Remove(id, out var slot))
        {
            return false;
        }
        Text.Remove(slot);
        Vectors.Remove(slot);
        TitleVectors?.Remove(slot);
        _freeSlots.Push(slot);
        return true;
    }
}
