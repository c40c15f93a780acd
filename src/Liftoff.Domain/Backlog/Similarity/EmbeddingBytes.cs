using System.Buffers.Binary;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// The stored form of an embedding: its floats as little-endian IEEE 754 bytes, the same on every
/// machine, for a BLOB / bytea column (1,536 bytes for 384 dimensions).
/// </summary>
public static class EmbeddingBytes
{
    public static byte[] ToBytes(ReadOnlySpan<float> embedding)
    {
        var bytes = new byte[embedding.Length * sizeof(float)];
        for (var i = 0; i < embedding.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), embedding[i]);
        }
        return bytes;
    }

    /// <summary>The floats, or null when the bytes are not a whole number of floats.</summary>
    public static float[]? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            return null;
        }
        var embedding = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < embedding.Length; i++)
        {
            embedding[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
        return embedding;
    }
}
