namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// The boundary to a sentence-embedding model. Implementations return one unit-length vector of
/// <see cref="Dimension"/> floats per text, in input order, and must be safe to call from several
/// threads at once.
/// </summary>
public interface ITextEmbedder
{
    int Dimension { get; }

    /// <summary>Names the model (or models) that make the vectors: a stored vector of another name is not compared
    /// with this one's (see <see cref="EmbeddingBytes"/>).</summary>
    string Name => GetType().Name;

    float[][] Embed(IReadOnlyList<string> texts);

    /// <summary>
    /// As <see cref="Embed"/>, for work nobody waits on (requests saved or imported): an
    /// implementation may run it in small steps that give way to <see cref="Embed"/> calls.
    /// </summary>
    float[][] EmbedInBackground(IReadOnlyList<string> texts) => Embed(texts);

    /// <summary>
    /// As <see cref="Embed"/>, for search queries: a model trained with a query instruction gets it here, while the
    /// requests searched are embedded without it.
    /// </summary>
    float[][] EmbedQueries(IReadOnlyList<string> texts) => Embed(texts);
}
