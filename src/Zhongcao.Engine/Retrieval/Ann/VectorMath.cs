using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// The dot product on the ANN hot path. For the short vectors an index holds (tens to a few hundred
/// floats), <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> spends a noticeable
/// share of each call on dispatch and remainder handling; when the length is a multiple of the hardware
/// vector width this unrolled fused multiply-add loop does the same sum with less overhead. Every index
/// (approximate and exact) uses this one function, so scores compare exactly between them.
/// </summary>
internal static class VectorMath
{
    /// <summary>Σ a[i]·b[i]; the spans must have the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        if (Vector512.IsHardwareAccelerated && n >= 32 && (n & 31) == 0 && b.Length == n)
        {
            return Dot512(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), n);
        }

        if (Vector256.IsHardwareAccelerated && n >= 16 && (n & 15) == 0 && b.Length == n)
        {
            return Dot256(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), n);
        }

        return TensorPrimitives.Dot(a, b);
    }

    private static float Dot512(ref float a, ref float b, int n)
    {
        var s0 = Vector512<float>.Zero;
        var s1 = Vector512<float>.Zero;
        for (var i = 0; i < n; i += 32)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)(i + 16)), Vector512.LoadUnsafe(ref b, (nuint)(i + 16)), s1);
        }

        return Vector512.Sum(s0 + s1);
    }

    private static float Dot256(ref float a, ref float b, int n)
    {
        var s0 = Vector256<float>.Zero;
        var s1 = Vector256<float>.Zero;
        for (var i = 0; i < n; i += 16)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + 8)), Vector256.LoadUnsafe(ref b, (nuint)(i + 8)), s1);
        }

        return Vector256.Sum(s0 + s1);
    }
}
