using System.Globalization;
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
    /// the similarity benchmark. Queries get one-thread encoders of their own (<paramref name="queryThreads"/>;
    /// 0: they share the background's), run side by side. Disposing it disposes both models.
    /// </summary>
    public static CombinedTextEmbedder MiniLmAndArctic(double arcticShare = 0.5, int queryThreads = 1) =>
        new(new MiniLmTextEmbedder(queryThreads: queryThreads),
            new MiniLmTextEmbedder(model: EmbeddingModel.ArcticXs, queryThreads: queryThreads), arcticShare);

    public int Dimension => first.Dimension + second.Dimension;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{first.Name}+{second.Name}:{secondShare}");

    /// <summary>Encoders the two models have created so far (see <see cref="MiniLmTextEmbedder.LoadedEncoders"/>).
    /// </summary>
    public int LoadedEncoders => new[] { first, second }.OfType<MiniLmTextEmbedder>().Sum(e => e.LoadedEncoders);

    public float[][] Embed(IReadOnlyList<string> texts) => Join(texts, first.Embed(texts), second.Embed(texts));

    public float[][] EmbedInBackground(IReadOnlyList<string> texts) =>
        Join(texts, first.EmbedInBackground(texts), second.EmbedInBackground(texts));

    /// <summary>Both models at once, the second on another thread: a query waits for the slower, not for the
    /// sum.</summary>
    public float[][] EmbedQueries(IReadOnlyList<string> texts)
    {
        var other = Task.Run(() => second.EmbedQueries(texts));
        var mine = first.EmbedQueries(texts);
        return Join(texts, mine, other.GetAwaiter().GetResult());
    }

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
