using System.Buffers.Binary;
using System.IO.Hashing;

namespace CloudPortal.Incremental;

/// <summary>
/// A 128-bit content hash (XxHash128) as two 64-bit halves. Not <see cref="UInt128"/>: ReadyToRun leaves
/// out every method whose types hold or pass one (its calling convention may change between runtime
/// versions), and pages and sources held such keys, so the loader, the graph and the whole template
/// stage were compiled at run time, on every build.
/// </summary>
internal readonly record struct Hash128(ulong High, ulong Low)
{
    public const int Size = 16;

    public static Hash128 Of(ReadOnlySpan<byte> data)
    {
        Span<byte> bytes = stackalloc byte[Size];
        XxHash128.Hash(data, bytes);
        return Read(bytes);
    }

    public static Hash128 Of(XxHash128 hash)
    {
        Span<byte> bytes = stackalloc byte[Size];
        hash.GetCurrentHash(bytes);
        return Read(bytes);
    }

    /// <summary>The hash as 16 bytes, high half first, to be hashed in turn.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    private static Hash128 Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
}
