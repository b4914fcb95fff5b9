using System.Runtime.InteropServices;

namespace Zhongcao.Engine.Identity;

/// <summary>
/// A stable (process- and version-independent) 128-bit hash of a string, used to remember event ids
/// compactly. <see cref="string.GetHashCode()"/> is randomised per process and cannot be persisted.
/// Two 64-bit lanes with different seeds and a strong finaliser (SplitMix64's); the collision
/// probability for 10^9 ids is about 10^-21.
/// </summary>
public static class StableHash
{
    public static UInt128 Hash128(ReadOnlySpan<char> value)
    {
        var bytes = MemoryMarshal.AsBytes(value);
        ulong a = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        ulong b = 0xC2B2AE3D27D4EB4FUL ^ ((ulong)bytes.Length << 32);
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            var k = MemoryMarshal.Read<ulong>(bytes[i..]);
            a = Mix(a ^ k) * 0xBF58476D1CE4E5B9UL;
            b = Mix(b + k) ^ (b >> 29);
        }

        ulong tail = 0;
        for (var s = 0; i < bytes.Length; i++, s += 8)
        {
            tail |= (ulong)bytes[i] << s;
        }

        a = Mix(a ^ tail ^ 0x94D049BB133111EBUL);
        b = Mix(b + tail + 0x2545F4914F6CDD1DUL);
        return new UInt128(Mix(a ^ (b >> 17)), Mix(b ^ (a << 13)));
    }

    /// <summary>A stable 64-bit hash (e.g. for feature hashing).</summary>
    public static ulong Hash64(ReadOnlySpan<char> value)
    {
        var h = Hash128(value);
        return (ulong)h ^ (ulong)(h >> 64);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
