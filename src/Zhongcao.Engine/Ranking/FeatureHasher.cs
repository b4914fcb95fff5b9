using Zhongcao.Engine.Identity;

namespace Zhongcao.Engine.Ranking;

/// <summary>
/// Builds the hashed sparse features of one (user, note, context) example: named features and crosses
/// (user × category, user × author, category × hour…) map to slots of a 2^bits weight table by
/// <see cref="StableHash"/>, so the model needs no vocabulary, new ids just work, and the same example hashes
/// identically in every process (a prerequisite of replaying the log into the same model).
/// Reuse one instance per thread: <see cref="Clear"/> then add features.
/// </summary>
public sealed class FeatureHasher
{
    private readonly List<int> _slots = [];
    private readonly int _mask;

    /// <summary>Creates a hasher into 2^<paramref name="bits"/> slots.</summary>
    public FeatureHasher(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 28);
        Bits = bits;
        _mask = (1 << bits) - 1;
    }

    /// <summary>Table size exponent.</summary>
    public int Bits { get; }

    /// <summary>The slots added since the last <see cref="Clear"/>.</summary>
    public IReadOnlyList<int> Slots => _slots;

    /// <summary>Starts a new example.</summary>
    public void Clear() => _slots.Clear();

    /// <summary>The stable 64-bit hash of a named value, for use in <see cref="AddCross"/>.</summary>
    public static ulong Key(string name, string value) => StableHash.Hash64(name + "\u001f" + value);

    /// <summary>The stable hash of a named integer value (no string built for the value).</summary>
    public static ulong Key(string name, long value) => StableHash.Mix(StableHash.Hash64(name) ^ (ulong)value);

    /// <summary>Adds a feature by its key.</summary>
    public void Add(ulong key) => _slots.Add((int)(StableHash.Mix(key) & (ulong)_mask));

    /// <summary>Adds a named value.</summary>
    public void Add(string name, string value) => Add(Key(name, value));

    /// <summary>Adds the cross of two keys (order matters: a × b and b × a are different features).</summary>
    public void AddCross(ulong a, ulong b) => Add(StableHash.Mix(a ^ ((b << 23) | (b >> 41)) ^ 0xD6E8FEB86659FD93UL));
}
