using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Fixed-length vectors addressed by a dense index, each stored as signed 8-bit codes and one float scale (the largest
/// magnitude / 127), in segments of <see cref="SegmentSize"/> vectors that never move. A 32-dimensional vector costs
/// 36 bytes instead of 128 as floats. A stored vector is what <see cref="Set"/> made of it: every reader (dot products,
/// <see cref="CopyTo"/>, the snapshot) sees the same decoded values, code × scale, so results stay a deterministic
/// function of what was stored. For a unit vector the decoding error per component is at most scale / 2 (about
/// 0.002 at 32 dimensions), which moves a cosine by about 10⁻³.
/// <para>Threading and layout as <see cref="CodedVectors{TCode, TWidth}"/>.</para>
/// </summary>
public sealed class QuantizedVectors(int dimension) : CodedVectors<sbyte, QuantizedVectors.Int8Codes>(dimension)
{
    /// <summary>Codes of ±127 and their dot product with a float query.</summary>
    public readonly struct Int8Codes : ICodeWidth<sbyte>
    {
        /// <inheritdoc />
        public static int MaxCode => 127;

        /// <summary>Σ query[i] · codes[i], widening the codes to floats 32 at a time when the hardware allows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> codes)
        {
            var n = codes.Length;
            if (query.Length != n)
            {
                throw new ArgumentException("query and vector lengths differ", nameof(query));
            }

            var i = 0;
            var sum = 0f;
            if (Vector256.IsHardwareAccelerated && n >= 32)
            {
                ref var q = ref MemoryMarshal.GetReference(query);
                ref var c = ref MemoryMarshal.GetReference(codes);
                var s0 = Vector256<float>.Zero;
                var s1 = Vector256<float>.Zero;
                for (; i + 32 <= n; i += 32)
                {
                    var bytes = Vector256.LoadUnsafe(ref c, (nuint)i);
                    var (lo, hi) = Vector256.Widen(bytes);
                    var (a, b) = Vector256.Widen(lo);
                    var (d, e) = Vector256.Widen(hi);
                    s0 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(a), Vector256.LoadUnsafe(ref q, (nuint)i), s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(b), Vector256.LoadUnsafe(ref q, (nuint)(i + 8)), s1);
                    s0 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(d), Vector256.LoadUnsafe(ref q, (nuint)(i + 16)), s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(e), Vector256.LoadUnsafe(ref q, (nuint)(i + 24)), s1);
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
