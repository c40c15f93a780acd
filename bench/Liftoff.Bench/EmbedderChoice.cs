using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Bench;

/// <summary>The embedding model(s) a run measures: both end to end (the app's), MiniLM or arctic-embed-xs; MiniLM reads
/// <paramref name="textPrefix"/> before every text.</summary>
internal sealed class EmbedderChoice(string name, double arcticShare = 0.5, int queryThreads = 1,
    string textPrefix = CombinedTextEmbedder.TextPrefix) : IDisposable
{
    public string Name { get; } = name;

    public ITextEmbedder Embedder { get; } = name switch
    {
        "minilm" => new MiniLmTextEmbedder(queryThreads: queryThreads, textPrefix: textPrefix),
        "arctic" => new MiniLmTextEmbedder(model: EmbeddingModel.ArcticXs, queryThreads: queryThreads),
        "both" => CombinedTextEmbedder.MiniLmAndArctic(arcticShare, queryThreads, textPrefix),
        _ => throw new BenchArgumentException("--model must be minilm, arctic or both"),
    };

    public void Dispose() => (Embedder as IDisposable)?.Dispose();
}
