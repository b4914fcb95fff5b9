using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Remembers every accepted event id as a 128-bit stable hash (about 40 bytes per id in memory), so
/// idempotency costs a hash-set probe instead of a database index lookup per event. The set is part
/// of the engine state: it is rebuilt by replay and saved in snapshots.
/// </summary>
public sealed class EventIdSet
{
    private readonly HashSet<UInt128> _ids = [];

    public int Count => _ids.Count;

    public bool Contains(string eventId) => _ids.Contains(StableHash.Hash128(eventId));

    /// <summary>Membership by a hash the caller already computed with <see cref="StableHash.Hash128"/>.</summary>
    public bool Contains(UInt128 eventIdHash) => _ids.Contains(eventIdHash);

    public bool Add(string eventId) => _ids.Add(StableHash.Hash128(eventId));

    internal void Save(BinaryEncoder w)
    {
        var items = _ids.ToArray();
        Array.Sort(items);
        w.WriteVarUInt((ulong)items.Length);
        foreach (var id in items)
        {
            w.WriteInt64((long)(ulong)id);
            w.WriteInt64((long)(ulong)(id >> 64));
        }
    }

    internal void Load(ref BinaryDecoder r)
    {
        _ids.Clear();
        var n = r.ReadCount();
        _ids.EnsureCapacity(n);
        for (var i = 0; i < n; i++)
        {
            var lo = (ulong)r.ReadInt64();
            var hi = (ulong)r.ReadInt64();
            _ids.Add(new UInt128(hi, lo));
        }
    }
}
