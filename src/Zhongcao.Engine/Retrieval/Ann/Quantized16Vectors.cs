using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Fixed-length vectors addressed by a dense index, each stored as signed 16-bit codes and one float scale (the largest
/// magnitude / 32,767), in segments of <see cref="SegmentSize"/> vectors that never move. A 32-dimensional vector costs
/// 68 bytes instead of 128 as floats, and unlike 8-bit codes (<see cref="QuantizedVectors"/>) the rounding is far below
/// the gaps between near neighbours, so a graph over these codes keeps the recall of one over floats. A stored vector is what <see cref="Set"/> made of it: every reader (dot products,
/// <see cref="CopyTo"/>, the snapshot) sees the same decoded values, code × scale, so results stay a deterministic
/// function of what was stored. For a unit vector the decoding error per component is at most scale / 2 (below
/// 10⁻⁵), which moves a cosine by about 10⁻⁵.
/// <para>Threading and layout as <see cref="CodedVectors{TCode, TWidth}"/>.</para>
/// </summary>
public sealed class Quantized16Vectors(int dimension) : CodedVectors<short, Quantized16Vectors.Int16Codes>(dimension)
{
    /// <summary>Codes of ±32,767 and their dot product with a float query.</summary>
    public readonly struct Int16Codes : ICodeWidth<short>
    {
        /// <inheritdoc />
        public static int MaxCode => 32767;

        /// <summary>Σ query[i] · codes[i], widening the codes to floats 16 at a time when the hardware allows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<short> codes)
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
    }
}
