using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class EmbeddingBytesTests
{
    [Fact]
    public void FromBytes_BytesOfAnEmbedding_GivesItBack()
    {
        float[] embedding = [0.25f, -1.5f, float.Epsilon, 0f];

        var bytes = EmbeddingBytes.ToBytes(embedding);

        Assert.Equal(16, bytes.Length);
        Assert.Equal(embedding, EmbeddingBytes.FromBytes(bytes));
    }

    [Fact]
    public void ToBytes_Float_IsLittleEndian()
    {
        Assert.Equal([0x00, 0x00, 0x80, 0x3F], EmbeddingBytes.ToBytes([1f]));
    }

    [Fact]
    public void FromBytes_PartialFloat_ReturnsNull()
    {
        Assert.Null(EmbeddingBytes.FromBytes(new byte[5]));
    }
}
