namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// A request as the similarity index sees it. <paramref name="Embedding"/> is the vector stored with
/// the request (from <see cref="SimilarRequestIndex.Embed(string, string?)"/>); when null the index
/// computes it.
/// </summary>
public sealed record SimilarityDocument(long Id, string Title, string? Description, float[]? Embedding = null);

/// <summary>
/// One suggestion. <paramref name="Score"/> (0..1) blends <paramref name="TextScore"/>, the share of
/// the query's weighted terms the request matches (BM25F divided by the score a copy of the query
/// would get), and <paramref name="MeaningScore"/>, the cosine similarity of the sentence
/// embeddings (negative values read as 0).
/// </summary>
public sealed record SimilarRequest(long Id, double Score, double TextScore, double MeaningScore);
