using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Fixed-length vectors addressed by a dense index, each stored as signed 16-bit codes and one float scale (the largest
/// magnitude / 32,767), in segments of <see cref="SegmentSize"/> vectors that never move. A 32-dimensional vector costs
/// 68 bytes instead of 128 as floats, and unlike 8-bit codes (<see cref="QuantizedVectors"/>) the rounding is far below
/// the gaps between near neighbours, so a graph over these codes keeps the recall of one over floats. A stored vector is what <see cref="Set"/> made of it: every reader (dot products,
/// <see cref="CopyTo"/>, the snapshot) sees the same decoded values, code × scale, so results stay a deterministic
/// function of what was stored. For a unit vector the decoding error per component is at most scale / 2 (below
/// 10⁻⁵), which moves a cosine by about 10⁻⁵.
/// <para>Threading as <see cref="SegmentedVectors"/>: one writer; readers of an index the writer published through a
/// lock or queue read stable memory; a vector rewritten during a read may be read half old, half new.</para>
/// </summary>
public sealed class Quantized16Vectors : IVectorStore
{
    /// <summary>Vectors per segment (a power of two).</summary>
    public const int SegmentSize = 1024;

    private const int Shift = 10;
    private const int Mask = SegmentSize - 1;

    private readonly int _dim;
    private Segment[] _segments = [];

    /// <summary>Creates an empty store of <paramref name="dimension"/>-component vectors.</summary>
    public Quantized16Vectors(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
    }

    /// <inheritdoc />
    public int Dimension => _dim;

    /// <summary>Vectors the allocated segments hold.</summary>
    public int Capacity => Volatile.Read(ref _segments).Length << Shift;

    /// <summary>Bytes held by the segments (for memory accounting).</summary>
    public long AllocatedBytes => (long)Volatile.Read(ref _segments).Length * SegmentSize * ((_dim * sizeof(short)) + sizeof(float));

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
            grown[i] = new Segment(new short[SegmentSize * _dim], new float[SegmentSize]);
        }

        Volatile.Write(ref _segments, grown);
    }

    /// <summary>Drops every vector (capacity back to zero).</summary>
    public void Clear() => Volatile.Write(ref _segments, []);

    /// <summary>Stores <paramref name="vector"/> at <paramref name="index"/> (within <see cref="Capacity"/>), rounded to 8-bit codes.</summary>
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

        var scale = max / 32767f;
        var inverse = 32767f / max;
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (short)Math.Clamp((int)MathF.Round(vector[i] * inverse), -32767, 32767);
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
            destination[i] = codes[i] * scale;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Touch(int index)
    {
        var segment = Volatile.Read(ref _segments)[index >> Shift];
        return segment.Codes[(index & Mask) * _dim];
    }

    /// <inheritdoc />
    public float Dot(ReadOnlySpan<float> query, int index)
    {
        var segment = Volatile.Read(ref _segments)[index >> Shift];
        var codes = segment.Codes.AsSpan((index & Mask) * _dim, _dim);
        return DotCodes(query, codes) * segment.Scales[index & Mask];
    }

    /// <summary>Σ query[i] · codes[i], widening the codes to floats 16 at a time when the hardware allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float DotCodes(ReadOnlySpan<float> query, ReadOnlySpan<short> codes)
    {
        var n = codes.Length;
        if (query.Length != n)
        {
            throw new ArgumentException("query and vector lengths differ", nameof(query));
        }

        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var c = ref MemoryMarshal.GetReference(codes);
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref c, (nuint)i));
                s0 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(a), Vector256.LoadUnsafe(ref q, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(b), Vector256.LoadUnsafe(ref q, (nuint)(i + 8)), s1);
            }

            sum = Vector256.Sum(s0 + s1);
        }

        for (; i < n; i++)
        {
            sum += query[i] * codes[i];
        }

        return sum;
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
            if (codes.Length != n * _dim * sizeof(short) || scales.Length != n)
            {
                throw new InvalidDataException("Quantised vector segment has the wrong length.");
            }

            codes.AsSpan().CopyTo(MemoryMarshal.AsBytes(segment.Codes.AsSpan()));
            scales.CopyTo(segment.Scales, 0);
        }

        return count;
    }

    private sealed record Segment(short[] Codes, float[] Scales);
}
