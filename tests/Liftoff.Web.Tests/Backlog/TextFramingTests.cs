using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Web.Tests.Backlog;

/// <summary>The words the app's models read before every text, stored or typed.</summary>
public sealed class TextFramingTests : IDisposable
{
    private readonly MiniLmTextEmbedder _plain = new();
    private readonly MiniLmTextEmbedder _framed = new(textPrefix: CombinedTextEmbedder.TextPrefix);

    [Fact]
    public void Embed_StoredAndTypedTexts_AreReadAfterThePrefix()
    {
        var expected = _plain.Embed([CombinedTextEmbedder.TextPrefix + "Low stock alerts"])[0];

        AssertClose(expected, _framed.Embed(["Low stock alerts"])[0]);
        AssertClose(expected, _framed.EmbedInBackground(["Low stock alerts"])[0]);
        AssertClose(expected, _framed.EmbedQueries(["Low stock alerts"])[0]);
        AssertNotClose(expected, _plain.Embed(["Low stock alerts"])[0]);
    }

    [Fact]
    public void Embed_EmptyText_IsNotFramed()
    {
        AssertClose(_plain.Embed([""])[0], _framed.Embed([""])[0]);
    }

    [Fact]
    public void Name_DiffersWithTheFraming_SoStoredVectorsAreMadeAgain()
    {
        Assert.NotEqual(_plain.Name, _framed.Name);
        using var app = CombinedTextEmbedder.MiniLmAndArctic();
        Assert.Contains(CombinedTextEmbedder.TextPrefix, app.Name, StringComparison.Ordinal);
        using var plainIndex = new SimilarRequestIndex(_plain);
        using var framedIndex = new SimilarRequestIndex(_framed);
        Assert.NotEqual(plainIndex.EmbeddingScheme, framedIndex.EmbeddingScheme);
    }

    public void Dispose()
    {
        _plain.Dispose();
        _framed.Dispose();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 4);
        }
    }

    private static void AssertNotClose(float[] a, float[] b) =>
        Assert.Contains(Enumerable.Range(0, a.Length), i => MathF.Abs(a[i] - b[i]) > 1e-3);
}
