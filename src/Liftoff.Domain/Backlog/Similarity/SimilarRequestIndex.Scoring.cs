using System.Buffers;
using System.Numerics.Tensors;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>Scoring one search: word and meaning scores per slot, fused and cut to the best few.</summary>
public sealed partial class SimilarRequestIndex
{
    private List<SimilarRequest> Search(IndexState state, SimilarityQuery query, Bm25Query terms,
        float[] queryEmbedding, bool plain)
    {
        var n = state.SlotCount;
        var text = ArrayPool<float>.Shared.Rent(n);
        var cosine = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var textSpan = text.AsSpan(0, n);
            var cosineSpan = cosine.AsSpan(0, n);
            textSpan.Clear();
            state.Text.Score(terms, textSpan);
            ScoreFusion.NormaliseText(textSpan, state.Text.SelfScore(terms));
            state.Vectors.Score(queryEmbedding, cosine, n);
            if (state.TitleVectors is { } titles)
            {
                var byTitle = ArrayPool<float>.Shared.Rent(n);
                titles.Score(queryEmbedding, byTitle, n);
                TensorPrimitives.Max(cosineSpan, byTitle.AsSpan(0, n), cosineSpan);
                ArrayPool<float>.Shared.Return(byTitle);
            }
            var excluded = query.ExcludeId is { } id && state.TryGetSlot(id, out var slot) ? slot : -1;
            var fused = ArrayPool<float>.Shared.Rent(n);
            try
            {
                var weight = Settings.MeaningWeightFor(terms.TitleLength + terms.BodyLength,
                    BestWordMatch(state, textSpan, excluded), plain);
                ScoreFusion.Fuse(textSpan, cosineSpan, weight, fused.AsSpan(0, n));
                // A request not embedded yet has no meaning to compare: its words alone count, rather than
                // as a request whose meaning is unrelated.
                for (var s = 0; s < n; s++)
                {
                    if (!state.Vectors.HasVector(s))
                    {
                        fused[s] = text[s];
                    }
                }
                var top = ScoreFusion.Top(fused.AsSpan(0, n), query.Limit, s => s != excluded && state.IsLive(s));
                return top.ConvertAll(s => new SimilarRequest(state.IdAt(s), fused[s], text[s],
                    Math.Max(0, cosine[s])));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(fused);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(text);
            ArrayPool<float>.Shared.Return(cosine);
        }
    }

    /// <summary>The best word score of a request that may be suggested.</summary>
    private static float BestWordMatch(IndexState state, ReadOnlySpan<float> text, int excluded)
    {
        var best = 0f;
        for (var s = 0; s < text.Length; s++)
        {
            if (text[s] > best && s != excluded && state.IsLive(s))
            {
                best = text[s];
            }
        }
        return best;
    }

    private static void Normalise(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }
    }
}
