using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class EmbeddingBytesTests
{
    private static readonly uint Scheme = EmbeddingBytes.SchemeOf("model a|64|");

    [Fact]
    public void FromBytes_BytesOfAnEmbedding_GivesItBack()
    {
        float[] embedding = [0.25f, -1.5f, float.Epsilon, 0f];

        var bytes = EmbeddingBytes.ToBytes(embedding, Scheme);

        Assert.Equal(20, bytes.Length);
        Assert.Equal(embedding, EmbeddingBytes.FromBytes(bytes, Scheme, 4));
    }

    [Fact]
    public void ToBytes_Float_IsLittleEndianThenTheSchemeTag()
    {
        Assert.Equal([0x00, 0x00, 0x80, 0x3F, 0x04, 0x03, 0x02, 0x01], EmbeddingBytes.ToBytes([1f], 0x01020304));
    }

    [Fact]
    public void FromBytes_AnotherScheme_ReadsAsNoVector()
    {
        var bytes = EmbeddingBytes.ToBytes([0.5f, 0.5f], EmbeddingBytes.SchemeOf("model a|64|A customer would like "));

        Assert.Null(EmbeddingBytes.FromBytes(bytes, Scheme, 2));
    }

    [Fact]
    public void FromBytes_UntaggedFloatsOfAnEarlierVersion_ReadAsNoVector()
    {
        var untagged = new byte[2 * sizeof(float)];

        Assert.Null(EmbeddingBytes.FromBytes(untagged, Scheme, 2));
        Assert.Null(EmbeddingBytes.FromBytes(new byte[5], Scheme, 1));
    }

    [Fact]
    public void SchemeOf_DiffersWithTheDescription()
    {
        Assert.NotEqual(EmbeddingBytes.SchemeOf("model a|64|"), EmbeddingBytes.SchemeOf("model a|32|"));
        Assert.Equal(EmbeddingBytes.SchemeOf("model a|64|"), Scheme);
    }
}
