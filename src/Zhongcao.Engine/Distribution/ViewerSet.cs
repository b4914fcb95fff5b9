namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note's counted viewers: user index → <see cref="ViewerRecord"/>, as an open-addressing table of packed
/// 64-bit slots (user + 1 in the high half, the record's mask, surface and stage in the low half; 0 = empty).
/// A set with fewer than 16 slots is a plain list (slots 0..Count-1, grown two at a time) searched linearly, which
/// fits the few viewers most notes have without a hash table's empty slots.
/// About 11 bytes per viewer instead of a dictionary entry and bucket (~28 bytes) plus its object headers. A value
/// stored inline in its note (reached through a ref property), so a note holds no separate set object.
/// </summary>
public struct ViewerSet
{
    /// <summary>Sets of up to this many slots are a plain list searched linearly (most notes have a handful of viewers); larger ones hash.</summary>
    private const int HashedFrom = 16;

    private long[]? _slots;

    public int Count { get; private set; }

    public ViewerSet()
    {
    }

    public readonly bool ContainsKey(int user) => Find(user) >= 0;

    public readonly bool TryGetValue(int user, out ViewerRecord record)
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
        var key = (long)(uint)(user + 1) << 32;
        if (_slots is null || _slots.Length < HashedFrom)
        {
            // Small set: the first Count slots in arrival order, searched linearly, grown two slots at a time.
            var at = Find(user);
            if (at >= 0)
            {
                _slots![at] = key | Pack(record);
                return;
            }

            if (_slots is null || Count == _slots.Length)
            {
                if (_slots is not null && _slots.Length + 2 >= HashedFrom)
                {
                    Grow();
                    Set(user, record);
                    return;
                }

                Array.Resize(ref _slots, (_slots?.Length ?? 0) + 2);
            }

            _slots[Count++] = key | Pack(record);
            return;
        }

        if ((Count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
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
    public readonly IEnumerable<(int User, ViewerRecord Record)> Ordered()
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
    internal readonly void Save(Snapshots.BinaryEncoder w)
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

    /// <summary>Copies the occupied slots (user + 1 in the high half, the record in the low half) into <paramref name="into"/>; returns how many.</summary>
    internal readonly int CopySlots(Span<long> into)
    {
        var n = 0;
        if (_slots is not null)
        {
            foreach (var s in _slots)
            {
                if (s != 0)
                {
                    into[n++] = s;
                }
            }
        }

        return n;
    }

    /// <summary>
    /// A set holding <paramref name="slots"/> (as <see cref="CopySlots"/> gave them, distinct users), sized at once:
    /// a list of an even length up to 14 slots, else a hash table filled to at most three quarters.
    /// </summary>
    internal static ViewerSet FromSlots(ReadOnlySpan<long> slots)
    {
        var set = new ViewerSet();
        if (slots.Length == 0)
        {
            return set;
        }

        if (slots.Length < HashedFrom - 1)
        {
            set._slots = new long[slots.Length + (slots.Length & 1)];
            slots.CopyTo(set._slots);
            set.Count = slots.Length;
            return set;
        }

        var size = HashedFrom;
        while ((slots.Length + 1) * 4 > size * 3)
        {
            size *= 2;
        }

        set._slots = new long[size];
        var mask = size - 1;
        foreach (var s in slots)
        {
            var i = Hash((int)((ulong)s >> 32) - 1) & mask;
            while (set._slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            set._slots[i] = s;
        }

        set.Count = slots.Length;
        return set;
    }

    private readonly int Find(int user)
    {
        if (_slots is null)
        {
            return -1;
        }

        var key = (long)(uint)(user + 1) << 32;
        if (_slots.Length < HashedFrom)
        {
            for (var i = 0; i < Count; i++)
            {
                if ((_slots[i] & unchecked((long)0xFFFFFFFF00000000)) == key)
                {
                    return i;
                }
            }

            return -1;
        }

        var mask = _slots.Length - 1;
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
        _slots = new long[old is null || old.Length < HashedFrom ? HashedFrom : old.Length * 2];
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
