using System.Runtime.InteropServices;

namespace Zhongcao.Engine.Snapshots;

/// <summary>Bulk arrays in snapshots, little-endian, as one length-prefixed byte block each (fast for large learned tables).</summary>
public static class ArrayCodec
{
    /// <summary>Writes ints.</summary>
    public static void WriteInts(BinaryEncoder w, ReadOnlySpan<int> values) => w.WriteBytes(AsLittleEndian(values));

    /// <summary>Reads ints written by <see cref="WriteInts"/>.</summary>
    public static int[] ReadInts(ref BinaryDecoder r) => ReadArray<int>(ref r);

    /// <summary>Writes floats.</summary>
    public static void WriteFloats(BinaryEncoder w, ReadOnlySpan<float> values) => w.WriteBytes(AsLittleEndian(values));

    /// <summary>Reads floats written by <see cref="WriteFloats"/>.</summary>
    public static float[] ReadFloats(ref BinaryDecoder r) => ReadArray<float>(ref r);

    /// <summary>Writes halves.</summary>
    public static void WriteHalves(BinaryEncoder w, ReadOnlySpan<Half> values) => w.WriteBytes(AsLittleEndian(values));

    /// <summary>Reads halves written by <see cref="WriteHalves"/>.</summary>
    public static Half[] ReadHalves(ref BinaryDecoder r) => ReadArray<Half>(ref r);

    private static ReadOnlySpan<byte> AsLittleEndian<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Snapshots of learned tables are written on little-endian machines only.");
        }

        return MemoryMarshal.AsBytes(values);
    }

    /// <summary>Reads one block straight into the result array (no intermediate byte copy, so a streamed table costs its size once).</summary>
    private static T[] ReadArray<T>(ref BinaryDecoder r) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Snapshots of learned tables are read on little-endian machines only.");
        }

        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var bytes = r.ReadCount();
        if (bytes % size != 0)
        {
            throw new InvalidDataException("Array block length is not a multiple of the element size.");
        }

        var result = new T[bytes / size];
        r.ReadInto(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }
}
