using System.Numerics.Tensors;
using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Web.Infrastructure.Embeddings;

/// <summary>
/// Two models at once: each text's two unit vectors, each scaled by the square root of its share, end to end, so
/// the cosine of two texts is the share-weighted mean of the two models' cosines (equal shares by default).
/// </summary>
public sealed class CombinedTextEmbedder(ITextEmbedder first, ITextEmbedder second, double secondShare = 0.5)
    : ITextEmbedder, IDisposable
{
    /// <summary>
    /// The app's embedder: all-MiniLM-L6-v2 and arctic-embed-xs with equal shares. On the typed-request evaluation
    /// (bench/data/requests-eval) the pair ranked better than either alone once arctic-embed-xs got its query
    /// instruction and the vectors were centred (<see cref="SimilaritySettings.Centring"/>). Other shares are for
    /// the similarity benchmark. Disposing it disposes both models.
    /// </summary>
    public static CombinedTextEmbedder MiniLmAndArctic(double arcticShare = 0.5) =>
        new(new MiniLmTextEmbedder(), new MiniLmTextEmbedder(model: EmbeddingModel.ArcticXs), arcticShare);

    public int Dimension => first.Dimension + second.Dimension;

    public float[][] Embed(IReadOnlyList<string> texts) => Join(texts, first.Embed(texts), second.Embed(texts));

    public float[][] EmbedInBackground(IReadOnlyList<string> texts) =>
        Join(texts, first.EmbedInBackground(texts), second.EmbedInBackground(texts));

    public float[][] EmbedQueries(IReadOnlyList<string> texts) =>
        Join(texts, first.EmbedQueries(texts), second.EmbedQueries(texts));

    public void Dispose()
    {
        (first as IDisposable)?.Dispose();
        (second as IDisposable)?.Dispose();
    }

    private float[][] Join(IReadOnlyList<string> texts, float[][] a, float[][] b)
    {
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var v = new float[Dimension];
            Scale(a[i], v.AsSpan(0, first.Dimension), 1 - secondShare);
            Scale(b[i], v.AsSpan(first.Dimension), secondShare);
            result[i] = v;
        }
        return result;
    }

    private static void Scale(float[] vector, Span<float> into, double share)
    {
        var norm = TensorPrimitives.Norm(vector);
        var factor = norm > 0 ? (float)Math.Sqrt(share) / norm : 0;
        TensorPrimitives.Multiply(vector, factor, into);
    }
}
