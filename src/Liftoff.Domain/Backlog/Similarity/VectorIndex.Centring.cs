using System.Numerics.Tensors;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Centring for <see cref="VectorIndex"/>: sentence embeddings share a common direction, so any two texts have a
/// cosine well above zero (around 0.7 for arctic-embed-xs) and the differences that rank them are small. Comparing
/// the vectors less the mean of the indexed ones spreads those differences out. <see cref="Prior"/> shrinks the
/// mean towards zero while the index is small: the mean used is the sum of the vectors divided by their count plus
/// the prior, so a handful of requests is hardly centred at all.
/// </summary>
/// <param name="Prior">Pseudo-count of zero vectors added to the mean; 100 by default.</param>
public sealed record VectorCentring(double Prior = 100);

public sealed partial class VectorIndex
{
    // Recomputing every slot's centred norm costs one pass over the rows: done when the number of
    // rows has moved by a fifth since the last time (at least MinMoved), so a growing index pays a
    // small constant factor and a steady one almost nothing.
    private const int MinMoved = 4;

    private double[] _sum = [];
    private float[] _mean = [];
    private float _meanSquared;
    private float[] _meanDot = [];
    private float[] _centredNorm = [];
    private int _live;
    private int _liveAtCentring;
    private float[] _row = [];

    /// <summary>Recomputes the mean and every row's centred norm now (after a bulk load, say).</summary>
    public void Recentre()
    {
        if (centring is null)
        {
            return;
        }
        EnsureCentringArrays();
        var divisor = _live + centring.Prior;
        for (var d = 0; d < Dimension; d++)
        {
            _mean[d] = divisor > 0 ? (float)(_sum[d] / divisor) : 0;
        }
        _meanSquared = TensorPrimitives.Dot(_mean, _mean);
        var row = _row;
        for (var slot = 0; slot < _present.Length; slot++)
        {
            UpdateSlot(slot, row);
        }
        _liveAtCentring = _live;
    }

    private void ReserveCentring(int slots)
    {
        if (centring is null)
        {
            return;
        }
        var from = _centredNorm.Length;
        Array.Resize(ref _meanDot, slots);
        Array.Resize(ref _centredNorm, slots);
        _centredNorm.AsSpan(from).Fill(1);
    }

    private void EnsureCentringArrays()
    {
        if (_sum.Length == 0)
        {
            _sum = new double[Dimension];
            _mean = new float[Dimension];
            _row = new float[Dimension];
        }
    }

    // Before a row is replaced or removed: its vector leaves the running sum.
    private void LeaveMean(int slot) => AddToSum(slot, -1);

    private void JoinMean(int slot)
    {
        if (AddToSum(slot, 1))
        {
            UpdateSlot(slot, _row);
            RecentreIfMoved();
        }
    }

    // Adds (sign 1) or subtracts (sign −1) the slot's stored vector; false when there is none to count.
    private bool AddToSum(int slot, int sign)
    {
        if (centring is null || !HasVector(slot))
        {
            return false;
        }
        EnsureCentringArrays();
        Read(slot, _row);
        for (var d = 0; d < Dimension; d++)
        {
            _sum[d] += sign * _row[d];
        }
        _live += sign;
        return true;
    }

    private void RecentreIfMoved()
    {
        if (centring is not null && Math.Abs(_live - _liveAtCentring) * 5 >= Math.Max(_liveAtCentring, MinMoved * 5))
        {
            Recentre();
        }
    }

    private void UpdateSlot(int slot, float[] row)
    {
        if (!HasVector(slot))
        {
            _meanDot[slot] = 0;
            _centredNorm[slot] = 1;
            return;
        }
        Read(slot, row);
        var meanDot = TensorPrimitives.Dot(row, _mean);
        _meanDot[slot] = meanDot;
        _centredNorm[slot] = CentredNorm(TensorPrimitives.Dot(row, row), meanDot);
    }

    // |v − m| from v·v and v·m, never zero.
    private float CentredNorm(float selfDot, float meanDot) =>
        MathF.Sqrt(MathF.Max(selfDot - (2 * meanDot) + _meanSquared, 1e-12f));

    // Turns the cosines of the unit query q with the rows r into those of q − m with r − m:
    // ((q·r) − (q·m) − (r·m) + (m·m)) / (|q − m| |r − m|).
    private void Centre(ReadOnlySpan<float> query, Span<float> scores)
    {
        if (centring is null || _meanSquared == 0)
        {
            return;
        }
        var norm = TensorPrimitives.Norm(query);
        if (norm == 0)
        {
            return;
        }
        var queryMean = TensorPrimitives.Dot(query, _mean) / norm;
        var queryNorm = CentredNorm(1, queryMean);
        TensorPrimitives.Subtract(scores, _meanDot.AsSpan(0, scores.Length), scores);
        TensorPrimitives.Add(scores, _meanSquared - queryMean, scores);
        TensorPrimitives.Divide(scores, _centredNorm.AsSpan(0, scores.Length), scores);
        TensorPrimitives.Multiply(scores, 1 / queryNorm, scores);
    }
}
