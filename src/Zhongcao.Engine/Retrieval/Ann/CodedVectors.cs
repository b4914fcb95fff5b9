using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// The width of a <see cref="CodedVectors{TCode, TWidth}"/> store's codes: the largest code and the dot product of a
/// float query with a run of codes. Static members on a struct, so the store is compiled per width with no virtual call.
/// </summary>
public interface ICodeWidth<TCode>
    where TCode : unmanaged
{
    /// <summary>The largest code magnitude (codes run from −MaxCode to MaxCode).</summary>
    static abstract int MaxCode { get; }

    /// <summary>Σ query[i] · codes[i].</summary>
    static abstract float Dot(ReadOnlySpan<float> query, ReadOnlySpan<TCode> codes);
}

/// <summary>
/// Fixed-length vectors addressed by a dense index, each stored as signed integer codes and one float scale (the
/// largest magnitude / <see cref="ICodeWidth{TCode}.MaxCode"/>), in segments of <see cref="SegmentSize"/> vectors that
/// never move. A stored vector is what <see cref="Set"/> made of it: every reader (dot products, <see cref="CopyTo"/>,
/// the snapshot) sees the same decoded values, code × scale, so results stay a deterministic function of what was stored.
/// <para>Threading as <see cref="SegmentedVectors"/>: one writer; readers of an index the writer published through a
/// lock or queue read stable memory; a vector rewritten during a read may be read half old, half new.</para>
/// </summary>
public abstract class CodedVectors<TCode, TWidth> : IVectorStore
    where TCode : unmanaged, IBinaryInteger<TCode>
    where TWidth : struct, ICodeWidth<TCode>
{
    /// <summary>Vectors per segment (a power of two).</summary>
    public const int SegmentSize = 1024;

    private const int Shift = 10;
    private const int Mask = SegmentSize - 1;

    private readonly int _dim;
    private Segment[] _segments = [];

    /// <summary>Creates an empty store of <paramref name="dimension"/>-component vectors.</summary>
    protected CodedVectors(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
    }

    /// <inheritdoc />
    public int Dimension => _dim;

    /// <summary>Vectors the allocated segments hold.</summary>
    public int Capacity => Volatile.Read(ref _segments).Length << Shift;

    /// <summary>Bytes held by the segments (for memory accounting).</summary>
    public long AllocatedBytes => (long)Volatile.Read(ref _segments).Length * SegmentSize * ((_dim * Unsafe.SizeOf<TCode>()) + sizeof(float));

    /// <summary>Allocates segments (zeroed) until vector <paramref name="count"/> − 1 exists; existing vectors stay in place.</summary>
    public void EnsureCapacity(int count)
    {
        var segments = _segments;
        var needed = (count + Mask) >> Shift;
        if (needed <= segments.Length)
        {
            return;
        }

        var grown = new Segment[needed];
        Array.Copy(segments, grown, segments.Length);
        for (var i = segments.Length; i < grown.Length; i++)
        {
            grown[i] = new Segment(new TCode[SegmentSize * _dim], new float[SegmentSize]);
        }

        Volatile.Write(ref _segments, grown);
    }

    /// <summary>Drops every vector (capacity back to zero).</summary>
    public void Clear() => Volatile.Write(ref _segments, []);

    /// <summary>Stores <paramref name="vector"/> at <paramref name="index"/> (within <see cref="Capacity"/>), rounded to codes.</summary>
    public void Set(int index, ReadOnlySpan<float> vector)
    {
        if (vector.Length != _dim)
        {
            throw new ArgumentException($"vector has {vector.Length} components, the store {_dim}", nameof(vector));
        }

        var segment = Volatile.Read(ref _segments)[index >> Shift];
        var codes = segment.Codes.AsSpan((index & Mask) * _dim, _dim);
        var max = TensorPrimitives.MaxMagnitude(vector);
        max = MathF.Abs(max);
        if (!(max > 0) || !float.IsFinite(max))
        {
            codes.Clear();
            segment.Scales[index & Mask] = 0;
            return;
        }

        var top = TWidth.MaxCode;
        var scale = max / top;
        var inverse = top / max;
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = TCode.CreateTruncating(Math.Clamp((int)MathF.Round(vector[i] * inverse), -top, top));
        }

        segment.Scales[index & Mask] = scale;
    }

    /// <inheritdoc />
    public void CopyTo(int index, Span<float> destination)
    {
        var segment = Volatile.Read(ref _segments)[index >> Shift];
        var codes = segment.Codes.AsSpan((index & Mask) * _dim, _dim);
        var scale = segment.Scales[index & Mask];
        for (var i = 0; i < codes.Length; i++)
        {
            destination[i] = int.CreateTruncating(codes[i]) * scale;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Touch(int index)
    {
        var segment = Volatile.Read(ref _segments)[index >> Shift];
        return int.CreateTruncating(segment.Codes[(index & Mask) * _dim]);
    }

    /// <inheritdoc />
    public float Dot(ReadOnlySpan<float> query, int index)
    {
        var segment = Volatile.Read(ref _segments)[index >> Shift];
        var codes = segment.Codes.AsSpan((index & Mask) * _dim, _dim);
        return TWidth.Dot(query, codes) * segment.Scales[index & Mask];
    }

    /// <summary>Writes vectors 0 … <paramref name="count"/> − 1 (codes, then scales, segment by segment).</summary>
    public void Write(BinaryEncoder writer, int count)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(count);
        var segments = _segments;
        for (var start = 0; start < count; start += SegmentSize)
        {
            var n = Math.Min(SegmentSize, count - start);
            var segment = segments[start >> Shift];
            writer.WriteBytes(MemoryMarshal.AsBytes(segment.Codes.AsSpan(0, n * _dim)));
            ArrayCodec.WriteFloats(writer, segment.Scales.AsSpan(0, n));
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote into vectors 0 …; returns how many.</summary>
    public int Read(ref BinaryDecoder reader)
    {
        var count = reader.ReadVarInt32();
        EnsureCapacity(count);
        var segments = _segments;
        for (var start = 0; start < count; start += SegmentSize)
        {
            var n = Math.Min(SegmentSize, count - start);
            var segment = segments[start >> Shift];
            var codes = reader.ReadBytes();
            var scales = ArrayCodec.ReadFloats(ref reader);
            if (codes.Length != n * _dim * Unsafe.SizeOf<TCode>() || scales.Length != n)
            {
                throw new InvalidDataException("Quantised vector segment has the wrong length.");
            }

            codes.AsSpan().CopyTo(MemoryMarshal.AsBytes(segment.Codes.AsSpan()));
            scales.CopyTo(segment.Scales, 0);
        }

        return count;
    }

    private sealed record Segment(TCode[] Codes, float[] Scales);
}
