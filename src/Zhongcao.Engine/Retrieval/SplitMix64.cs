namespace Zhongcao.Engine.Retrieval;

/// <summary>
/// A tiny seeded pseudo-random generator (SplitMix64). Engine components that need randomness (HNSW
/// levels, negative sampling, splits) take one of these with an explicit seed, so results are a pure
/// function of the seed and the input order: never <see cref="Random.Shared"/> or a time-based seed.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The generator's whole state (for snapshots: <c>new SplitMix64(State)</c> continues the same sequence).</summary>
    public readonly ulong State => _state;

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform in [0, <paramref name="maxExclusive"/>) (Lemire's multiply-shift, negligible bias).</summary>
    public int NextInt(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
}
