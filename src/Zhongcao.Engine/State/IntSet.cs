using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// A set of dense indexes that costs nothing until first used and serialises in insertion-independent
/// (sorted) order, so two states with the same members produce the same snapshot bytes.
/// </summary>
public struct IntSet
{
    private HashSet<int>? _set;

    public readonly int Count => _set?.Count ?? 0;

    public readonly bool Contains(int value) => _set is not null && _set.Contains(value);

    public bool Add(int value) => (_set ??= []).Add(value);

    public readonly bool Remove(int value) => _set is not null && _set.Remove(value);

    public readonly IEnumerable<int> Items => _set ?? Enumerable.Empty<int>();

    internal readonly void Save(BinaryEncoder w)
    {
        if (_set is null || _set.Count == 0)
        {
            w.WriteVarUInt(0);
            return;
        }

        var items = _set.ToArray();
        Array.Sort(items);
        w.WriteVarUInt((ulong)items.Length);
        var prev = 0;
        foreach (var v in items)
        {
            w.WriteVarUInt((ulong)(v - prev));
            prev = v;
        }
    }

    internal void Load(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        if (n == 0)
        {
            _set = null;
            return;
        }

        _set = new HashSet<int>(n);
        var prev = 0;
        for (var i = 0; i < n; i++)
        {
            prev += checked((int)r.ReadVarUInt());
            _set.Add(prev);
        }
    }
}
