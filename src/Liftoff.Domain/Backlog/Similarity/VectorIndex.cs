using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Unit-length vectors in one contiguous block, one row per slot, searched by brute force with SIMD.
/// Rows are stored as 8-bit integers with a per-row scale: a scan then reads a quarter of the
/// memory of floats (38 MB instead of 154 MB at 100,000 rows of 384), which is what bounds its
/// speed, and cosines move by about 0.001, far below what changes a ranking. Large scans are split
/// over the cores. Not thread-safe for writes: <see cref="SimilarRequestIndex"/> guards it. With
/// <paramref name="fullPrecision"/> rows are kept as floats instead, to measure what the codes cost.
/// With a <paramref name="centring"/> the cosines are those of the vectors less their mean (see
/// <see cref="VectorCentring"/>).
/// </summary>
public sealed partial class VectorIndex(int dimension, bool fullPrecision = false, VectorCentring? centring = null)
{
    private const int RowsPerTask = 16_384;
    private float[] _floats = [];
    private sbyte[] _codes = [];
    private float[] _scales = [];
    private bool[] _present = [];
    private bool[] _withVector = [];

    public int Dimension { get; } = dimension;

    public int SlotCapacity => _present.Length;

    public void Set(int slot, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"expected {Dimension} dimensions, got {vector.Length}", nameof(vector));
        }
        EnsureCapacity(slot + 1);
        LeaveMean(slot);
        _present[slot] = true;
        _withVector[slot] = TensorPrimitives.MaxMagnitude(vector) != 0;
        if (fullPrecision)
        {
            var row = _floats.AsSpan(slot * Dimension, Dimension);
            var length = TensorPrimitives.Norm(vector);
            if (length == 0)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Divide(vector, length, row);
            }
            JoinMean(slot);
            return;
        }
        var norm = TensorPrimitives.Norm(vector);
        var maxAbs = TensorPrimitives.MaxMagnitude(vector);
        var codes = _codes.AsSpan(slot * Dimension, Dimension);
        if (norm == 0 || maxAbs == 0)
        {
            codes.Clear();
            _scales[slot] = 0;
        }
        else
        {
            var toCode = 127 / maxAbs;
            for (var d = 0; d < Dimension; d++)
            {
                codes[d] = (sbyte)MathF.Round(vector[d] * toCode);
            }
            _scales[slot] = maxAbs / 127 / norm;
        }
        JoinMean(slot);
    }

    public void Remove(int slot)
    {
        if (slot < _present.Length && _present[slot])
        {
            LeaveMean(slot);
            if (fullPrecision)
            {
                _floats.AsSpan(slot * Dimension, Dimension).Clear();
            }
            else
            {
                _codes.AsSpan(slot * Dimension, Dimension).Clear();
            }
            _scales[slot] = 0;
            _present[slot] = false;
            _withVector[slot] = false;
            RecentreIfMoved();
        }
    }

    public bool Contains(int slot) => slot < _present.Length && _present[slot];

    /// <summary>Whether the slot holds a vector rather than zeros (a request indexed by its words until it is
    /// embedded); such a slot scores 0.</summary>
    public bool HasVector(int slot) => slot < _withVector.Length && _withVector[slot];

    /// <summary>The stored (quantised) unit vector of a slot.</summary>
    public float[] Get(int slot)
    {
        var result = new float[Dimension];
        Read(slot, result);
        return result;
    }

    private void Read(int slot, Span<float> into)
    {
        if (fullPrecision)
        {
            _floats.AsSpan(slot * Dimension, Dimension).CopyTo(into);
            return;
        }
        var codes = _codes.AsSpan(slot * Dimension, Dimension);
        var scale = _scales[slot];
        for (var d = 0; d < Dimension; d++)
        {
            into[d] = codes[d] * scale;
        }
    }

    /// <summary>Writes the cosine similarity of every slot below <paramref name="slotCount"/> into <paramref
    /// name="scores"/>.</summary>
    public void Score(ReadOnlySpan<float> query, float[] scores, int slotCount)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"expected {Dimension} dimensions, got {query.Length}", nameof(query));
        }
        slotCount = Math.Min(slotCount, SlotCapacity);
        if (fullPrecision)
        {
            var norm = TensorPrimitives.Norm(query);
            for (var s = 0; s < slotCount; s++)
            {
                var row = _floats.AsSpan(s * Dimension, Dimension);
                scores[s] = norm == 0 ? 0 : TensorPrimitives.Dot(row, query) / norm;
            }
        }
        else
        {
            var (codes, scale) = QuantiseQuery(query);
            if (slotCount <= RowsPerTask || Environment.ProcessorCount == 1)
            {
                ScoreRange(codes, scale, scores, 0, slotCount);
            }
            else
            {
                var tasks = (slotCount + RowsPerTask - 1) / RowsPerTask;
                Parallel.For(0, tasks, t => ScoreRange(codes, scale, scores, t * RowsPerTask,
                    Math.Min(slotCount, (t + 1) * RowsPerTask)));
            }
        }
        Centre(query, scores.AsSpan(0, slotCount));
        for (var s = 0; s < slotCount; s++)
        {
            if (!_withVector[s])
            {
                scores[s] = 0;
            }
        }
    }

    public void Reserve(int slots)
    {
        if (slots > _present.Length)
        {
            if (fullPrecision)
            {
                Array.Resize(ref _floats, slots * Dimension);
            }
            else
            {
                Array.Resize(ref _codes, slots * Dimension);
            }
            Array.Resize(ref _scales, slots);
            Array.Resize(ref _present, slots);
            Array.Resize(ref _withVector, slots);
            ReserveCentring(slots);
        }
    }

    // 16-bit query codes keep the query exact to 1/32767 while products still fit the 32-bit sums.
    private static (short[] Codes, float Scale) QuantiseQuery(ReadOnlySpan<float> query)
    {
        var maxAbs = TensorPrimitives.MaxMagnitude(query);
        var norm = TensorPrimitives.Norm(query);
        var codes = new short[query.Length];
        if (maxAbs == 0 || norm == 0)
        {
            return (codes, 0);
        }
        var toCode = short.MaxValue / maxAbs;
        for (var d = 0; d < query.Length; d++)
        {
            codes[d] = (short)MathF.Round(query[d] * toCode);
        }
        return (codes, maxAbs / short.MaxValue / norm);
    }

    private void ScoreRange(short[] query, float queryScale, float[] scores, int from, int to)
    {
        var d = Dimension;
        for (var s = from; s < to; s++)
        {
            scores[s] = Dot(_codes.AsSpan(s * d, d), query) * _scales[s] * queryScale;
        }
    }

    private static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported)
        {
            ref var r = ref MemoryMarshal.GetReference(row);
            ref var q = ref MemoryMarshal.GetReference(query);
            var acc = Vector256<int>.Zero;
            for (; i <= row.Length - 16; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref q, (nuint)i)));
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }
        return sum;
    }

    // Grows by half rather than doubling: the block is large at scale.
    private void EnsureCapacity(int slots)
    {
        if (slots > _present.Length)
        {
            Reserve(Math.Max(slots, Math.Max(16, _present.Length * 3 / 2)));
        }
    }
}
