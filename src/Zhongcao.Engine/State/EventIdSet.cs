using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.State;

/// <summary>
/// Remembers every accepted event id as a 104-bit fingerprint of its 128-bit stable hash, so idempotency costs a
/// table probe instead of a database index lookup per event. The set is part of the engine state: it is rebuilt by
/// replay and saved in snapshots (sorted, so equal sets give equal bytes).
/// <para>
/// Fingerprint: the hash's top 8 bits choose one of <see cref="Segments"/> open-addressing tables (so they are known
/// from the table and not stored), and each slot keeps the low 96 bits in 12 bytes; bits 96–119 are dropped. Two
/// different ids are taken for one only if all 104 kept bits agree: over 100 million accepted ids the chance that any
/// new id is wrongly refused as a duplicate is about n² / 2¹⁰⁵ ≈ 2.5 × 10⁻¹⁶ (a 64-bit fingerprint would give
/// 2.7 × 10⁻⁴, too high for a check that silently drops an event).
/// </para>
/// <para>
/// Memory: linear probing in each segment, the all-zero slot marking an empty one (a zero fingerprint is a flag per
/// segment). Each segment grows on its own by an eighth when its load would pass <see cref="MaxLoad"/>, so the load
/// stays between 0.8 and 0.9 (about 13.3–15 bytes per id, against 20–25 with 16-byte slots at 0.64–0.8 and about
/// 48 in a <see cref="HashSet{T}"/>), and a growth step reallocates one segment (1/256 of the set) instead of one
/// array holding every id. A lookup of an absent id (every new event) walks about 13–50 slots at that load: 12-byte
/// slots read in order, a few cache lines, far below the rest of an event's apply cost.
/// </para>
/// </summary>
public sealed class EventIdSet
{
    /// <summary>Number of independently grown tables (a power of two).</summary>
    public const int Segments = 256;

    /// <summary>The highest share of a segment's slots in use before it grows.</summary>
    public const double MaxLoad = 0.9;

    /// <summary>Bytes per table slot.</summary>
    public const int SlotBytes = 12;

    private const int SegmentBits = 8;
    private const int MinSlots = 16;

    private readonly Fingerprint[]?[] _tables = new Fingerprint[]?[Segments];
    private readonly int[] _counts = new int[Segments];
    private readonly ulong[] _zeroIn = new ulong[Segments / 64];

    public int Count { get; private set; }

    /// <summary>Slots allocated over all segments (memory is <see cref="SlotBytes"/> bytes per slot).</summary>
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
        var s = SegmentOf(eventIdHash);
        var f = Fingerprint.Of(eventIdHash);
        if (f.IsZero)
        {
            return (_zeroIn[s >> 6] & (1UL << s)) != 0;
        }

        var table = _tables[s];
        return table is not null && Find(table, f) >= 0;
    }

    public bool Add(string eventId) => Add(StableHash.Hash128(eventId));

    /// <summary>Adds a hash the caller already computed; false when it was present.</summary>
    public bool Add(UInt128 eventIdHash)
    {
        var s = SegmentOf(eventIdHash);
        var f = Fingerprint.Of(eventIdHash);
        if (f.IsZero)
        {
            if ((_zeroIn[s >> 6] & (1UL << s)) != 0)
            {
                return false;
            }

            _zeroIn[s >> 6] |= 1UL << s;
            Count++;
            return true;
        }

        var table = _tables[s] ??= new Fingerprint[MinSlots];
        if (Find(table, f) >= 0)
        {
            return false;
        }

        if (_counts[s] + 1 > (long)(table.Length * MaxLoad))
        {
            table = Grow(s, table.Length + Math.Max(MinSlots, table.Length / 8));
        }

        Insert(table, f);
        _counts[s]++;
        Count++;
        return true;
    }

    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    /// <summary>
    /// Writes the members as 128-bit values (the segment bits on top, the dropped bits zero) in ascending order: the
    /// same layout as full hashes, so a snapshot that holds full hashes still loads (their dropped bits are ignored).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        // Ascending order, segment by segment: a segment holds the ids whose top bits are its number and segments go
        // up with those bits, so sorting each one alone (in a reused buffer) gives the whole set sorted without a copy.
        w.WriteVarUInt((ulong)Count);
        for (var s = 0; s < Segments; s++)
        {
            if ((_zeroIn[s >> 6] & (1UL << s)) != 0)
            {
                WriteId(w, default(Fingerprint).ToHash(s)); // the smallest value of its segment
            }

            if (_tables[s] is not { } table)
            {
                continue;
            }

            var items = SaveScratch.Wide(table.Length);
            var n = 0;
            foreach (var f in table)
            {
                if (!f.IsZero)
                {
                    items[n++] = f.ToHash(s);
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
        Array.Clear(_zeroIn);
        Count = 0;
        var n = r.ReadCount();

        // Sized for an even spread (hashes are uniform), so loading does not grow segments one step at a time.
        var perSegment = (int)Math.Min(int.MaxValue / 2, ((long)n / Segments * 9 / 8) + MinSlots);
        for (var i = 0; i < n; i++)
        {
            var lo = (ulong)r.ReadInt64();
            var hi = (ulong)r.ReadInt64();
            var id = new UInt128(hi, lo);
            _tables[SegmentOf(id)] ??= new Fingerprint[perSegment];
            Add(id);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SegmentOf(UInt128 id) => (int)((ulong)(id >> 64) >> (64 - SegmentBits));

    /// <summary>The home slot: the low 64 bits reduced to the table length by multiply-shift (any length works).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(in Fingerprint f, int length) => (int)Math.BigMul(f.Lo, (ulong)length, out _);

    private static int Find(Fingerprint[] table, Fingerprint f)
    {
        var i = Home(f, table.Length);
        while (true)
        {
            var v = table[i];
            if (v.Lo == f.Lo && v.Hi == f.Hi)
            {
                return i;
            }

            if (v.IsZero)
            {
                return -1;
            }

            if (++i == table.Length)
            {
                i = 0;
            }
        }
    }

    private static void Insert(Fingerprint[] table, Fingerprint f)
    {
        var i = Home(f, table.Length);
        while (!table[i].IsZero)
        {
            if (++i == table.Length)
            {
                i = 0;
            }
        }

        table[i] = f;
    }

    private Fingerprint[] Grow(int segment, int slots)
    {
        var old = _tables[segment]!;
        var table = new Fingerprint[slots];
        foreach (var f in old)
        {
            if (!f.IsZero)
            {
                Insert(table, f);
            }
        }

        _tables[segment] = table;
        return table;
    }

    /// <summary>The stored part of a hash: its low 64 bits and the 32 bits above them, packed in 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly struct Fingerprint(ulong lo, uint hi)
    {
        public readonly ulong Lo = lo;
        public readonly uint Hi = hi;

        public bool IsZero => (Lo | Hi) == 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fingerprint Of(UInt128 hash) => new((ulong)hash, (uint)(ulong)(hash >> 64));

        /// <summary>The 128-bit value this fingerprint stands for in segment <paramref name="segment"/> (dropped bits zero).</summary>
        public UInt128 ToHash(int segment) => new(((ulong)segment << (64 - SegmentBits)) | Hi, Lo);
    }
}
