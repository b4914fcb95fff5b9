using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Fixed-length float vectors addressed by a dense index, stored in segments of <see cref="SegmentSize"/> vectors.
/// Growing adds segments and never moves a stored vector, so a large store costs no 2× copy on the large-object
/// heap, and a reader holding an index keeps reading the same memory while the owner grows the store.
/// <para>
/// Threading: one writer. A reader on another thread may read any vector whose index the writer published to it
/// through a synchronising hand-off (a lock or a queue): the segment exists before the hand-off and segments are
/// never replaced. A vector the writer overwrites while another thread reads it may be read half old, half new;
/// callers that cannot tolerate that must exclude the writer (see <see cref="HnswIndex"/> with an external store).
/// </para>
/// </summary>
public sealed class SegmentedVectors : IVectorStore
{
    /// <summary>Vectors per segment (a power of two; at 32 floats a segment is 64 KiB, below the large-object threshold).</summary>
    public const int SegmentSize = 512;

    private const int Shift = 9;
    private const int Mask = SegmentSize - 1;

    private readonly int _dim;
    private float[][] _segments = [];

    /// <summary>Creates an empty store of <paramref name="dimension"/>-float vectors.</summary>
    public SegmentedVectors(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
    }

    /// <summary>Floats per vector.</summary>
    public int Dimension => _dim;

    /// <summary>Vectors the allocated segments hold.</summary>
    public int Capacity => Volatile.Read(ref _segments).Length << Shift;

    /// <summary>Bytes held by the segments (for memory accounting).</summary>
    public long AllocatedBytes => (long)Volatile.Read(ref _segments).Length * SegmentSize * _dim * sizeof(float);

    /// <summary>Allocates segments (zeroed) until vector <paramref name="count"/> − 1 exists; existing vectors stay in place.</summary>
    public void EnsureCapacity(int count)
    {
        var segments = _segments;
        var needed = (count + Mask) >> Shift;
        if (needed <= segments.Length)
        {
            return;
        }

        var grown = new float[Math.Max(needed, segments.Length + (segments.Length / 4) + 1)][];
        Array.Copy(segments, grown, segments.Length);
        for (var i = segments.Length; i < grown.Length; i++)
        {
            grown[i] = new float[SegmentSize * _dim];
        }

        Volatile.Write(ref _segments, grown);
    }

    /// <summary>Drops every vector (capacity back to zero).</summary>
    public void Clear() => Volatile.Write(ref _segments, []);

    /// <summary>The writable vector at <paramref name="index"/> (within <see cref="Capacity"/>).</summary>
    public Span<float> this[int index] => Volatile.Read(ref _segments)[index >> Shift].AsSpan((index & Mask) * _dim, _dim);

    /// <summary>The vector at <paramref name="index"/>, read-only.</summary>
    public ReadOnlySpan<float> Vector(int index) => Volatile.Read(ref _segments)[index >> Shift].AsSpan((index & Mask) * _dim, _dim);

    /// <inheritdoc />
    public float Dot(ReadOnlySpan<float> query, int index) => VectorMath.Dot(query, Vector(index));

    /// <inheritdoc />
    public void CopyTo(int index, Span<float> destination) => Vector(index).CopyTo(destination);

    /// <inheritdoc />
    public float Touch(int index) => Vector(index)[0];

    /// <summary>Writes vectors 0 … <paramref name="count"/> − 1, segment by segment (no copy of the whole range).</summary>
    public void Write(BinaryEncoder writer, int count)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(count);
        var segments = _segments;
        for (var start = 0; start < count; start += SegmentSize)
        {
            var n = Math.Min(SegmentSize, count - start);
            ArrayCodec.WriteFloats(writer, segments[start >> Shift].AsSpan(0, n * _dim));
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
            var floats = ArrayCodec.ReadFloats(ref reader);
            if (floats.Length != n * _dim)
            {
                throw new InvalidDataException("Vector segment has the wrong length.");
            }

            floats.CopyTo(segments[start >> Shift], 0);
        }

        return count;
    }
}
