using System.Buffers.Binary;
using System.Text;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// The stored form of an embedding: its floats as little-endian IEEE 754 bytes, the same on every machine, then
/// a 4-byte tag of the scheme that made it (the model and how a request's text is put to it), for a BLOB / bytea
/// column (3,076 bytes for 768 dimensions). A vector of another scheme, or stored before schemes were tagged,
/// reads as none: the request is embedded again rather than compared in a space its query is not in.
/// </summary>
public static class EmbeddingBytes
{
    private const int TagBytes = sizeof(uint);

    /// <summary>The tag of a scheme described in words (32-bit FNV-1a of its UTF-8 bytes).</summary>
    public static uint SchemeOf(string description)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(description))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    /// <summary>Bytes of a stored vector of <paramref name="dimension"/> floats.</summary>
    public static int Length(int dimension) => (dimension * sizeof(float)) + TagBytes;

    public static byte[] ToBytes(ReadOnlySpan<float> embedding, uint scheme)
    {
        var bytes = new byte[Length(embedding.Length)];
        for (var i = 0; i < embedding.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), embedding[i]);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(embedding.Length * sizeof(float)), scheme);
        return bytes;
    }

    /// <summary>The floats, or null unless the bytes hold <paramref name="dimension"/> of them made by <paramref
    /// name="scheme"/>.</summary>
    public static float[]? FromBytes(ReadOnlySpan<byte> bytes, uint scheme, int dimension)
    {
        if (!IsOf(bytes, scheme, dimension))
        {
            return null;
        }
        var embedding = new float[dimension];
        for (var i = 0; i < embedding.Length; i++)
        {
            embedding[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
        return embedding;
    }

    /// <summary>Whether the bytes are a vector of <paramref name="dimension"/> floats made by <paramref
    /// name="scheme"/>.</summary>
    public static bool IsOf(ReadOnlySpan<byte> bytes, uint scheme, int dimension) =>
        bytes.Length == Length(dimension)
            && BinaryPrimitives.ReadUInt32LittleEndian(bytes[(dimension * sizeof(float))..]) == scheme;
}
