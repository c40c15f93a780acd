using System.Numerics.Tensors;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Unit-length vectors in one contiguous float array, one row per slot, searched by brute force:
/// a SIMD dot product per row is the cosine similarity. Large scans are split over the cores.
/// Not thread-safe for writes: <see cref="SimilarRequestIndex"/> guards it.
/// </summary>
public sealed class VectorIndex(int dimension)
{
    private const int RowsPerTask = 16_384;
    private float[] _rows = [];
    private bool[] _present = [];

    public int Dimension { get; } = dimension;

    public int SlotCapacity => _present.Length;

    public void Set(int slot, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"expected {Dimension} dimensions, got {vector.Length}", nameof(vector));
        }
        EnsureCapacity(slot + 1);
        var row = _rows.AsSpan(slot * Dimension, Dimension);
        vector.CopyTo(row);
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0 && Math.Abs(norm - 1) > 1e-3)
        {
            TensorPrimitives.Divide(row, norm, row);
        }
        _present[slot] = true;
    }

    public void Remove(int slot)
    {
        if (slot < _present.Length && _present[slot])
        {
            _rows.AsSpan(slot * Dimension, Dimension).Clear();
            _present[slot] = false;
        }
    }

    public bool Contains(int slot) => slot < _present.Length && _present[slot];

    public ReadOnlySpan<float> Get(int slot) => _rows.AsSpan(slot * Dimension, Dimension);

    /// <summary>Writes the cosine similarity of every slot below <paramref name="slotCount"/> into <paramref name="scores"/>.</summary>
    public void Score(float[] query, float[] scores, int slotCount)
    {
        slotCount = Math.Min(slotCount, SlotCapacity);
        if (slotCount <= RowsPerTask || Environment.ProcessorCount == 1)
        {
            ScoreRange(query, scores, 0, slotCount);
            return;
        }
        var tasks = (slotCount + RowsPerTask - 1) / RowsPerTask;
        Parallel.For(0, tasks, t => ScoreRange(query, scores, t * RowsPerTask, Math.Min(slotCount, (t + 1) * RowsPerTask)));
    }

    private void ScoreRange(float[] query, float[] scores, int from, int to)
    {
        var q = query.AsSpan();
        var d = Dimension;
        for (var s = from; s < to; s++)
        {
            scores[s] = TensorPrimitives.Dot(q, _rows.AsSpan(s * d, d));
        }
    }

    public void Reserve(int slots)
    {
        if (slots > _present.Length)
        {
            Array.Resize(ref _rows, slots * Dimension);
            Array.Resize(ref _present, slots);
        }
    }

    // Grows by half rather than doubling: at 100,000 requests a row block is 150 MB.
    private void EnsureCapacity(int slots)
    {
        if (slots > _present.Length)
        {
            Reserve(Math.Max(slots, Math.Max(16, _present.Length * 3 / 2)));
        }
    }
}
