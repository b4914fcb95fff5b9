using System.Runtime.CompilerServices;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// A set of dense, non-negative indexes that costs nothing until first used and serialises in
/// insertion-independent (sorted) order, so two states with the same members produce the same snapshot bytes.
/// <para>
/// Memory: a million users each hold several of these (follows, followers, seen, liked, ...), mostly with a
/// handful of members, so the layout is compact: a small set is a single <c>int[]</c> (three header ints, then
/// the members in slot order, scanned linearly); from <see cref="IntSetStore.IndexThreshold"/> slots on it
/// becomes an <see cref="IntSetStore"/> with an open-addressing table of slot numbers for constant-time
/// lookups. A set of 3 members takes 48 bytes (a <see cref="HashSet{T}"/> of <c>int</c> about 170), a
/// large one 9-14 bytes per member (a hash set about 16-20); an empty one nothing beyond its reference.
/// </para>
/// <para>
/// Enumeration order is the one <see cref="HashSet{T}"/> gives: members in the order they were added, except
/// that a member added after removals takes the slot most recently freed. Code that walks the members (and
/// breaks ties by the order met) therefore behaves as it did over a hash set.
/// </para>
/// </summary>
public struct IntSet
{
    // null (empty), an int[] small set (see SmallSet) or an IntSetStore once it has IndexThreshold slots.
    private object? _data;

    public readonly int Count => _data switch
    {
        null => 0,
        int[] small => SmallSet.Count(small),
        IntSetStore store => store.Count,
        _ => 0,
    };

    public readonly bool Contains(int value) => _data switch
    {
        null => false,
        int[] small => value >= 0 && SmallSet.Find(small, value) >= 0,
        IntSetStore store => store.Contains(value),
        _ => false,
    };

    public bool Add(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        switch (_data)
        {
            case IntSetStore store:
                return store.Add(value);
            case int[] small:
                if (SmallSet.Find(small, value) >= 0)
                {
                    return false;
                }

                _data = SmallSet.Add(small, value);
                return true;
            default:
                _data = SmallSet.Add(SmallSet.Create(1), value);
                return true;
        }
    }

    public readonly bool Remove(int value) => _data switch
    {
        int[] small => value >= 0 && SmallSet.Remove(small, value),
        IntSetStore store => store.Remove(value),
        _ => false,
    };

    public readonly IEnumerable<int> Items => _data switch
    {
        int[] small => SmallSet.Enumerate(small),
        IntSetStore store => store.Enumerate(),
        _ => Enumerable.Empty<int>(),
    };

    /// <summary>Copies the members, in enumeration order, into a new array.</summary>
    public readonly int[] ToArray() => _data switch
    {
        int[] small => SmallSet.ToArray(small),
        IntSetStore store => store.ToArray(),
        _ => [],
    };

    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal readonly void Save(BinaryEncoder w)
    {
        var count = Count;
        if (count == 0)
        {
            w.WriteVarUInt(0);
            return;
        }

        // Sorted through a reused buffer: snapshots write millions of these sets.
        var items = SaveScratch.Ints(count);
        var copied = _data switch
        {
            int[] small => SmallSet.CopyTo(small, items),
            IntSetStore store => store.CopyTo(items),
            _ => 0,
        };
        items = items[..copied];
        items.Sort();
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
        _data = null;
        if (n == 0)
        {
            return;
        }

        if (n >= IntSetStore.IndexThreshold)
        {
            var store = new IntSetStore(n);
            _data = store;
            var p = 0;
            for (var i = 0; i < n; i++)
            {
                p += checked((int)r.ReadVarUInt());
                store.Add(p);
            }

            return;
        }

        var small = SmallSet.Create(n);
        var prev = 0;
        for (var i = 0; i < n; i++)
        {
            prev += checked((int)r.ReadVarUInt());
            small = (int[])SmallSet.Add(small, prev); // below the threshold: stays small
        }

        _data = small;
    }

    /// <summary>
    /// A set below <see cref="IntSetStore.IndexThreshold"/> slots in one <c>int[]</c>: [0] slots used, [1] free
    /// list head, [2] count, then the slots, with the store's slot and free-list rules (so enumeration order is
    /// the same); it becomes an <see cref="IntSetStore"/> when it needs its IndexThreshold-th slot. Full, it grows by
    /// half (2, 3, 4, 6, 9, 13, ... slots). A set of one member takes 40 bytes, of three 48.
    /// </summary>
    private static class SmallSet
    {
        private const int Header = 3;

        public static int[] Create(int capacity)
        {
            var a = new int[Header + Math.Max(1, capacity)];
            a[1] = -1;
            return a;
        }

        public static int Count(int[] a) => a[2];

        public static int Find(int[] a, int value)
        {
            var at = Array.IndexOf(a, value, Header, a[0]);
            return at < 0 ? -1 : at - Header;
        }

        /// <summary>Adds a value known to be absent; returns the array now holding the set (or a store).</summary>
        public static object Add(int[] a, int value)
        {
            int slot;
            if (a[1] >= 0)
            {
                slot = a[1];
                a[1] = -(a[Header + slot] + 2);
            }
            else
            {
                if (a[0] + 1 >= IntSetStore.IndexThreshold)
                {
                    var store = new IntSetStore(a.AsSpan(Header, a[0]), a[1], a[2]);
                    store.Add(value);
                    return store;
                }

                if (Header + a[0] == a.Length)
                {
                    // Half again, not double: most users' sets stay small, and the spare room is paid per user.
                    Array.Resize(ref a, Header + Math.Min(IntSetStore.IndexThreshold - 1, Math.Max(2, a[0] + (a[0] / 2))));
                }

                slot = a[0]++;
            }

            a[Header + slot] = value;
            a[2]++;
            return a;
        }

        public static bool Remove(int[] a, int value)
        {
            var slot = Find(a, value);
            if (slot < 0)
            {
                return false;
            }

            a[Header + slot] = -(a[1] + 2);
            a[1] = slot;
            a[2]--;
            return true;
        }

        public static int CopyTo(int[] a, Span<int> destination)
        {
            var n = 0;
            for (var i = Header; i < Header + a[0]; i++)
            {
                if (a[i] >= 0)
                {
                    destination[n++] = a[i];
                }
            }

            return n;
        }

        public static int[] ToArray(int[] a)
        {
            var result = new int[a[2]];
            var n = 0;
            for (var i = Header; i < Header + a[0]; i++)
            {
                if (a[i] >= 0)
                {
                    result[n++] = a[i];
                }
            }

            return result;
        }

        public static IEnumerable<int> Enumerate(int[] a)
        {
            for (var i = Header; i < Header + a[0]; i++)
            {
                if (a[i] >= 0)
                {
                    yield return a[i];
                }
            }
        }
    }
}

/// <summary>The storage behind a non-empty <see cref="IntSet"/>.</summary>
internal sealed class IntSetStore
{
    /// <summary>
    /// Slots at which a lookup table is built; below it a linear scan over the slots (vectorised, 63 ints in a
    /// few nanoseconds) is about as fast, and a set of 16-63 members saves the table and the store object
    /// (a user following 20 authors: about 170 bytes instead of 340).
    /// </summary>
    public const int IndexThreshold = 64;

    // Slot contents: a member (>= 0), or a free slot holding -(next free slot + 2), so -1 ends the free list.
    private int[] _slots;
    private int _used;
    private int _freeHead = -1;

    // Open addressing, linear probing: 0 = empty, else slot + 1. An entry whose slot no longer holds the
    // probed value is stale (its member was removed); stale entries are dropped when the table is rebuilt.
    private int[]? _table;
    private int _tableEntries;

    public IntSetStore(int capacity) => _slots = new int[Math.Max(capacity, 2)];

    /// <summary>A store taking over a small set's slots (members and free-list entries) as they are.</summary>
    public IntSetStore(ReadOnlySpan<int> slots, int freeHead, int count)
    {
        _slots = new int[Math.Max(4, slots.Length * 2)];
        slots.CopyTo(_slots);
        _used = slots.Length;
        _freeHead = freeHead;
        Count = count;
        if (_used >= IndexThreshold)
        {
            Rebuild();
        }
    }

    public int Count { get; private set; }

    public bool Contains(int value) => value >= 0 && Find(value) >= 0;

    public bool Add(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (Find(value) >= 0)
        {
            return false;
        }

        int slot;
        if (_freeHead >= 0)
        {
            // As HashSet does: reuse the slot freed last, so enumeration order matches.
            slot = _freeHead;
            _freeHead = -(_slots[slot] + 2);
        }
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _used++;
        }

        _slots[slot] = value;
        Count++;
        if (_table is not null)
        {
            if ((_tableEntries + 1) * 4 > _table.Length * 3)
            {
                Rebuild();
            }
            else
            {
                Insert(_table, value, slot);
                _tableEntries++;
            }
        }
        else if (_used >= IndexThreshold)
        {
            Rebuild();
        }

        return true;
    }

    public bool Remove(int value)
    {
        if (value < 0)
        {
            return false;
        }

        var slot = Find(value);
        if (slot < 0)
        {
            return false;
        }

        _slots[slot] = -(_freeHead + 2);
        _freeHead = slot;
        Count--;
        return true;
    }

    public int CopyTo(Span<int> destination)
    {
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_slots[i] >= 0)
            {
                destination[n++] = _slots[i];
            }
        }

        return n;
    }

    public int[] ToArray()
    {
        var result = new int[Count];
        var n = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_slots[i] >= 0)
            {
                result[n++] = _slots[i];
            }
        }

        return result;
    }

    public IEnumerable<int> Enumerate()
    {
        for (var i = 0; i < _used; i++)
        {
            var v = _slots[i];
            if (v >= 0)
            {
                yield return v;
            }
        }
    }

    /// <summary>The slot holding <paramref name="value"/>, or -1.</summary>
    private int Find(int value)
    {
        if (_table is null)
        {
            return Array.IndexOf(_slots, value, 0, _used);
        }

        var mask = _table.Length - 1;
        for (var i = Hash(value) & mask; ; i = (i + 1) & mask)
        {
            var entry = _table[i];
            if (entry == 0)
            {
                return -1;
            }

            if (_slots[entry - 1] == value)
            {
                return entry - 1;
            }
        }
    }

    /// <summary>A table sized for the live members (load at most 1/2 after a rebuild, 3/4 before the next), without stale entries.</summary>
    private void Rebuild()
    {
        var size = 32;
        while (size < Count * 2)
        {
            size *= 2;
        }

        var table = new int[size];
        for (var slot = 0; slot < _used; slot++)
        {
            if (_slots[slot] >= 0)
            {
                Insert(table, _slots[slot], slot);
            }
        }

        _table = table;
        _tableEntries = Count;
    }

    private static void Insert(int[] table, int value, int slot)
    {
        var mask = table.Length - 1;
        var i = Hash(value) & mask;
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
        }

        table[i] = slot + 1;
    }

    /// <summary>Fibonacci hashing with the high half folded down: runs of dense indexes spread over the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(int value)
    {
        var h = (uint)value * 2654435769u;
        return (int)((h ^ (h >> 16)) & 0x7FFFFFFF);
    }
}
