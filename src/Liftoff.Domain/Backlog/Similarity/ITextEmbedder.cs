namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// The boundary to a sentence-embedding model. Implementations return one unit-length vector of
/// <see cref="Dimension"/> floats per text, in input order, and must be safe to call from several
/// threads at once.
/// </summary>
public interface ITextEmbedder
{
    int Dimension { get; }

    float[][] Embed(IReadOnlyList<string> texts);
}
