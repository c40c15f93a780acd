using System.Numerics.Tensors;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Fuses the two signals into one 0..1 score per slot and picks the best. BM25F is divided by the
/// query's self-score, cosine is kept as is: both are then absolute (independent of the pool and of
/// the query's length), so one weight works for typed queries and whole requests alike, and the
/// result reads as a percentage. Per-query z-score fusion ranked about as well on the evaluation
/// data but gives scores that mean nothing on their own; reciprocal-rank fusion ranked worse.
/// </summary>
public static class ScoreFusion
{
    /// <summary>Turns raw BM25F scores in <paramref name="text"/> into 0..1 shares, in place.</summary>
    public static void NormaliseText(Span<float> text, double selfScore)
    {
        if (selfScore <= 0)
        {
            text.Clear();
            return;
        }
        TensorPrimitives.Multiply(text, (float)(1 / selfScore), text);
        TensorPrimitives.Min(text, 1f, text);
    }

    /// <summary>Writes (text + w·max(cosine, 0)) / (1 + w) into <paramref name="fused"/>.</summary>
    public static void Fuse(ReadOnlySpan<float> text, ReadOnlySpan<float> cosine, double meaningWeight,
        Span<float> fused)
    {
        var w = (float)meaningWeight;
        TensorPrimitives.Max(cosine, 0f, fused);
        TensorPrimitives.MultiplyAdd(fused, w, text, fused);
        TensorPrimitives.Multiply(fused, 1 / (1 + w), fused);
    }

    public static double Fuse(double text, double cosine, double meaningWeight) =>
        (text + (meaningWeight * Math.Max(cosine, 0))) / (1 + meaningWeight);

    /// <summary>The <paramref name="count"/> best slots accepted by <paramref name="include"/>, best first, ties by
    /// slot.</summary>
    public static List<int> Top(ReadOnlySpan<float> fused, int count, Func<int, bool> include)
    {
        var heap = new PriorityQueue<int, (float Score, int Slot)>(count + 1, WorstFirst.Instance);
        var threshold = float.NegativeInfinity;
        for (var s = 0; s < fused.Length; s++)
        {
            var score = fused[s];
            if (score <= threshold || score <= 0 || !include(s))
            {
                continue;
            }
            heap.Enqueue(s, (score, s));
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
            if (heap.Count == count)
            {
                heap.TryPeek(out _, out var worst);
                threshold = worst.Score;
            }
        }
        var result = new List<int>(heap.Count);
        while (heap.TryDequeue(out var slot, out _))
        {
            result.Add(slot);
        }
        result.Reverse();
        return result;
    }

    private sealed class WorstFirst : IComparer<(float Score, int Slot)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Slot) x, (float Score, int Slot) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Slot.CompareTo(x.Slot);
    }
}
