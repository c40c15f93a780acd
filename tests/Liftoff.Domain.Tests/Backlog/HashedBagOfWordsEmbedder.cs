using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

/// <summary>
/// A deterministic stand-in for a sentence model: words hashed into a small vector, normalised.
/// Texts sharing words get a high cosine, as with a real model, without loading one.
/// </summary>
internal sealed class HashedBagOfWordsEmbedder(int dimension = 64) : ITextEmbedder
{
    private int _texts;

    public int Dimension { get; } = dimension;

    /// <summary>How many texts were embedded so far.</summary>
    public int TextsEmbedded => Volatile.Read(ref _texts);

    /// <summary>Called with each text before it is embedded, e.g. to hold a rebuild at a known point.</summary>
    public Action<string>? BeforeEmbed { get; set; }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return texts.Select(text =>
        {
            BeforeEmbed?.Invoke(text);
            var v = new float[Dimension];
            foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', ':'],
                StringSplitOptions.RemoveEmptyEntries))
            {
                v[(int)(Fnv1a(word) % (uint)Dimension)] += 1;
            }
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return norm == 0 ? v : v.Select(x => x / norm).ToArray();
        }).ToArray();
    }

    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
