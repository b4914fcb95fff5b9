using System.Runtime.CompilerServices;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Remembers every accepted event id as a 128-bit stable hash, so idempotency costs a table probe instead of a
/// database index lookup per event. The set is part of the engine state: it is rebuilt by replay and saved in
/// snapshots (sorted, so equal sets give equal bytes).
/// <para>
/// Memory: the ids live in <see cref="Segments"/> open-addressing tables of bare <see cref="UInt128"/> values
/// (linear probing, zero marks an empty slot), the segment chosen by the id's top bits. Each segment grows on its
/// own by a quarter when its load would pass <see cref="MaxLoad"/>, so the load stays between 0.64 and 0.8 (about
/// 20-25 bytes per id, against about 48 in a <see cref="HashSet{T}"/>), and a growth step reallocates one
/// segment (1/256 of the set) instead of one array holding every id.
/// </para>
/// </summary>
public sealed class EventIdSet
{
    /// <summary>Number of independently grown tables (a power of two).</summary>
    public const int Segments = 256;

    /// <summary>The highest share of a segment's slots in use before it grows.</summary>
    public const double MaxLoad = 0.8;

    private const int SegmentBits = 8;
    private const int MinSlots = 16;

    private readonly UInt128[]?[] _tables = new UInt128[]?[Segments];
    private readonly int[] _counts = new int[Segments];
    private bool _hasZero;

    public int Count { get; private set; }

    /// <summary>Slots allocated over all segments (memory is 16 bytes per slot).</summary>
    public long Capacity
    {
        get
        {
            long c = 0;
            foreach (var t in _tables)
            {
                c += t?.Length ?? 0;
            }

            return c;
        }
    }

    public bool Contains(string eventId) => Contains(StableHash.Hash128(eventId));

    /// <summary>Membership by a hash the caller already computed with <see cref="StableHash.Hash128"/>.</summary>
    public bool Contains(UInt128 eventIdHash)
    {
        if (eventIdHash == UInt128.Zero)
        {
            return _hasZero;
        }

        var table = _tables[SegmentOf(eventIdHash)];
        return table is not null && Find(table, eventIdHash) >= 0;
    }

    public bool Add(string eventId) => Add(StableHash.Hash128(eventId));

    /// <summary>Adds a hash the caller already computed; false when it was present.</summary>
    public bool Add(UInt128 eventIdHash)
    {
        if (eventIdHash == UInt128.Zero)
        {
            if (_hasZero)
            {
                return false;
            }

            _hasZero = true;
            Count++;
            return true;
        }

        var s = SegmentOf(eventIdHash);
        var table = _tables[s] ??= new UInt128[MinSlots];
        var slot = Find(table, eventIdHash);
        if (slot >= 0)
        {
            return false;
        }

        if (_counts[s] + 1 > (long)(table.Length * MaxLoad))
        {
            table = Grow(s, table.Length + (table.Length / 4));
        }

        Insert(table, eventIdHash);
        _counts[s]++;
        Count++;
        return true;
    }

    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        // Ascending order, segment by segment: a segment holds the ids with the same top bits and segments go up
        // with those bits, so sorting each one alone gives the whole set sorted without copying it.
        w.WriteVarUInt((ulong)Count);
        if (_hasZero)
        {
            WriteId(w, UInt128.Zero);
        }

        for (var s = 0; s < Segments; s++)
        {
            if (_tables[s] is not { } table)
            {
                continue;
            }

            var items = SaveScratch.Wide(_counts[s]);
            var n = 0;
            foreach (var id in table)
            {
                if (id != UInt128.Zero)
                {
                    items[n++] = id;
                }
            }

            items = items[..n];
            items.Sort();
            foreach (var id in items)
            {
                WriteId(w, id);
            }
        }
    }

    private static void WriteId(BinaryEncoder w, UInt128 id)
    {
        w.WriteInt64((long)(ulong)id);
        w.WriteInt64((long)(ulong)(id >> 64));
    }

    internal void Load(ref BinaryDecoder r)
    {
        Array.Clear(_tables);
        Array.Clear(_counts);
        _hasZero = false;
        Count = 0;
        var n = r.ReadCount();

        // Sized for an even spread (hashes are uniform), so loading does not grow segments one step at a time.
        var perSegment = (int)Math.Min(int.MaxValue / 2, ((long)n / Segments * 5 / 4) + MinSlots);
        for (var i = 0; i < n; i++)
        {
            var lo = (ulong)r.ReadInt64();
            var hi = (ulong)r.ReadInt64();
            var id = new UInt128(hi, lo);
            if (id != UInt128.Zero)
            {
                _tables[SegmentOf(id)] ??= new UInt128[perSegment];
            }

            Add(id);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SegmentOf(UInt128 id) => (int)((ulong)(id >> 64) >> (64 - SegmentBits));

    /// <summary>The home slot: the low 64 bits reduced to the table length by multiply-shift (any length works).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(UInt128 id, int length) => (int)Math.BigMul((ulong)id, (ulong)length, out _);

    private static int Find(UInt128[] table, UInt128 id)
    {
        var i = Home(id, table.Length);
        while (true)
        {
            var v = table[i];
            if (v == id)
            {
                return i;
            }

            if (v == UInt128.Zero)
            {
                return -1;
            }

            if (++i == table.Length)
            {
                i = 0;
            }
        }
    }

    private static void Insert(UInt128[] table, UInt128 id)
    {
        var i = Home(id, table.Length);
        while (table[i] != UInt128.Zero)
        {
            if (++i == table.Length)
            {
                i = 0;
            }
        }

        table[i] = id;
    }

    private UInt128[] Grow(int segment, int slots)
    {
        var old = _tables[segment]!;
        var table = new UInt128[slots];
        foreach (var id in old)
        {
            if (id != UInt128.Zero)
            {
                Insert(table, id);
            }
        }

        _tables[segment] = table;
        return table;
    }
}
