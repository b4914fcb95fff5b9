namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note's counted viewers: user index → <see cref="ViewerRecord"/>, as an open-addressing table of packed
/// 64-bit slots (user + 1 in the high half, the record's mask, surface and stage in the low half; 0 = empty).
/// About 11 bytes per viewer instead of a dictionary entry and bucket (~28 bytes) plus its object headers.
/// </summary>
public sealed class ViewerSet
{
    private long[]? _slots;

    public int Count { get; private set; }

    public bool ContainsKey(int user) => Find(user) >= 0;

    public bool TryGetValue(int user, out ViewerRecord record)
    {
        var i = Find(user);
        record = i >= 0 ? Unpack(_slots![i]) : default;
        return i >= 0;
    }

    public ViewerRecord this[int user]
    {
        set => Set(user, value);
    }

    /// <summary>Adds or replaces the record of <paramref name="user"/>.</summary>
    public void Set(int user, ViewerRecord record)
    {
        if (_slots is null || (Count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        var mask = _slots!.Length - 1;
        var key = (long)(uint)(user + 1) << 32;
        for (var i = Hash(user) & mask; ; i = (i + 1) & mask)
        {
            var s = _slots[i];
            if (s == 0)
            {
                _slots[i] = key | Pack(record);
                Count++;
                return;
            }

            if ((s & unchecked((long)0xFFFFFFFF00000000)) == key)
            {
                _slots[i] = key | Pack(record);
                return;
            }
        }
    }

    /// <summary>The viewers in ascending user order (snapshots).</summary>
    public IEnumerable<(int User, ViewerRecord Record)> Ordered()
    {
        if (_slots is null)
        {
            return [];
        }

        var items = new List<(int, ViewerRecord)>(Count);
        foreach (var s in _slots)
        {
            if (s != 0)
            {
                items.Add(((int)((ulong)s >> 32) - 1, Unpack(s)));
            }
        }

        items.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return items;
    }

    /// <summary>
    /// Writes the count, then each viewer in ascending user order (user, mask, surface, stage): the layout of
    /// <see cref="Ordered"/>, sorted in a reused buffer. A slot holds user + 1 in its high half, so slots sort by user.
    /// </summary>
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(Snapshots.BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)Count);
        if (_slots is null || Count == 0)
        {
            return;
        }

        var items = Snapshots.SaveScratch.Longs(Count);
        var n = 0;
        foreach (var s in _slots)
        {
            if (s != 0)
            {
                items[n++] = s;
            }
        }

        items = items[..n];
        items.Sort();
        foreach (var s in items)
        {
            var v = Unpack(s);
            w.WriteVarInt((int)((ulong)s >> 32) - 1);
            w.WriteVarUInt(v.Mask);
            w.WriteByte(v.Surface);
            w.WriteByte(v.Stage);
        }
    }

    private int Find(int user)
    {
        if (_slots is null)
        {
            return -1;
        }

        var mask = _slots.Length - 1;
        var key = (long)(uint)(user + 1) << 32;
        for (var i = Hash(user) & mask; ; i = (i + 1) & mask)
        {
            var s = _slots[i];
            if (s == 0)
            {
                return -1;
            }

            if ((s & unchecked((long)0xFFFFFFFF00000000)) == key)
            {
                return i;
            }
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new long[old is null ? 4 : old.Length * 2];
        Count = 0;
        if (old is null)
        {
            return;
        }

        foreach (var s in old)
        {
            if (s != 0)
            {
                Set((int)((ulong)s >> 32) - 1, Unpack(s));
            }
        }
    }

    private static int Hash(int user) => (int)((uint)user * 0x9E3779B1u >> 7);

    private static long Pack(ViewerRecord r) => (uint)(r.Mask | (r.Surface << 16) | (r.Stage << 24));

    private static ViewerRecord Unpack(long s) =>
        new() { Mask = (ushort)s, Surface = (byte)(s >> 16), Stage = (byte)(s >> 24) };
}
