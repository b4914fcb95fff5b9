using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>What the pools remember about one user as a viewer: exposures per author (fatigue), activity (dormant/returning), interest signals and engaged tags.</summary>
public sealed class ViewerState
{
    internal ViewerState(TagTable tags) => _tagTable = tags;

    /// <summary>Counted impressions of each author's notes, with the time of the last one.</summary>
    public ref AuthorExposureTable AuthorExposures => ref _authorExposures;

    /// <summary>Authors whose notes this user engaged with meaningfully (their historical audience).</summary>
    public IntSet EngagedAuthors;

    /// <summary>Notes this user showed interest in without engaging (candidates for resurfacing).</summary>
    public IntSet InterestedNotes;

    /// <summary>Tags of notes the user engaged with meaningfully, with counts.</summary>
    public IReadOnlyDictionary<string, int> EngagedTags
    {
        get
        {
            var result = new Dictionary<string, int>(_engagedCount, StringComparer.Ordinal);
            for (var i = 0; i < _engagedCount; i++)
            {
                result[_tagTable[(int)(_engaged![i] >> 32)]] = (int)_engaged[i];
            }

            return result;
        }
    }

    public DateTimeOffset? LastActiveAt
    {
        get => _lastActiveAt == 0 ? null : new DateTimeOffset(_lastActiveAt, TimeSpan.Zero);
        internal set => _lastActiveAt = value?.UtcTicks ?? 0;
    }

    /// <summary>When the user last came back after being dormant.</summary>
    public DateTimeOffset? ReturnedAt
    {
        get => _returnedAt == 0 ? null : new DateTimeOffset(_returnedAt, TimeSpan.Zero);
        internal set => _returnedAt = value?.UtcTicks ?? 0;
    }

    private readonly TagTable _tagTable;
    private AuthorExposureTable _authorExposures;
    private long[]? _engaged; // (tag id << 32) | count, ascending tag id
    private int _engagedCount;
    private long _lastActiveAt;
    private long _returnedAt;

    /// <summary>The <paramref name="k"/> most engaged tags: count descending, then tag text (ordinal).</summary>
    internal List<string> TopEngagedTags(int k)
    {
        var all = new List<(string Tag, int Count)>(_engagedCount);
        for (var i = 0; i < _engagedCount; i++)
        {
            all.Add((_tagTable[(int)(_engaged![i] >> 32)], (int)_engaged[i]));
        }

        all.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Tag, b.Tag));
        return [.. all.Take(k).Select(t => t.Tag)];
    }

    /// <summary>Adds one to engaged tag <paramref name="tagId"/>, adding it only while fewer than <paramref name="max"/> are tallied.</summary>
    internal void CountEngagedTag(int tagId, int max, int delta = 1)
    {
        var lo = 0;
        var hi = _engagedCount - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var id = (int)(_engaged![mid] >> 32);
            if (id == tagId)
            {
                _engaged[mid] = ((long)tagId << 32) | (uint)((int)_engaged[mid] + delta);
                return;
            }

            if (id < tagId)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (_engagedCount >= max)
        {
            return;
        }

        if (_engaged is null || _engagedCount == _engaged.Length)
        {
            Array.Resize(ref _engaged, _engaged is null ? 4 : Math.Min(Math.Max(max, 4), _engaged.Length * 2));
        }

        Array.Copy(_engaged, lo, _engaged, lo + 1, _engagedCount - lo);
        _engaged[lo] = ((long)tagId << 32) | (uint)delta;
        _engagedCount++;
    }

    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        AuthorExposures.Save(w);
        EngagedAuthors.Save(w);
        InterestedNotes.Save(w);
        _tagTable.WriteByTag(w, _engaged.AsSpan(0, _engagedCount));

        DistributionCodec.WriteTime(w, LastActiveAt);
        DistributionCodec.WriteTime(w, ReturnedAt);
    }

    internal void Load(ref BinaryDecoder r)
    {
        var n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var author = r.ReadVarInt32();
            AuthorExposures[author] = (r.ReadVarInt32(), r.ReadTime());
        }

        EngagedAuthors.Load(ref r);
        InterestedNotes.Load(ref r);
        n = r.ReadCount();
        for (var i = 0; i < n; i++)
        {
            var tag = _tagTable.IdOf(r.ReadString());
            CountEngagedTag(tag, int.MaxValue, r.ReadVarInt32());
        }

        LastActiveAt = DistributionCodec.ReadTime(ref r);
        ReturnedAt = DistributionCodec.ReadTime(ref r);
    }
}

/// <summary>
/// A viewer's exposures per author as an open-addressing table of 16-byte slots (author + 1, count, UTC ticks of
/// the last exposure; author 0 = empty) instead of a dictionary of tuples with an offset-carrying time. A value stored
/// inline in its <see cref="ViewerState"/> (reached through a ref property), not an object of its own.
/// Below 16 slots the table is a plain list (grown two slots at a time) searched linearly.
/// </summary>
public struct AuthorExposureTable
{
    public AuthorExposureTable()
    {
    }

    /// <summary>Tables of up to this many slots are a plain list searched linearly (most viewers saw a few authors); larger ones hash.</summary>
    private const int HashedFrom = 16;

    private Slot[]? _slots;

    public int Count { get; private set; }

    public readonly bool TryGetValue(int author, out (int Count, DateTimeOffset Last) exposure)
    {
        var i = Find(author);
        exposure = i >= 0 ? (_slots![i].Count, new DateTimeOffset(_slots[i].Last, TimeSpan.Zero)) : default;
        return i >= 0;
    }

    public (int Count, DateTimeOffset Last) this[int author]
    {
        set => Set(author, value.Count, value.Last.UtcTicks);
    }

    /// <summary>
    /// Writes the count, then (author, count, last exposure) in ascending author order: the layout of
    /// <see cref="Ordered"/>, sorted in a reused buffer of (author + 1, slot) pairs.
    /// </summary>
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Save(BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)Count);
        if (_slots is null || Count == 0)
        {
            return;
        }

        var order = SaveScratch.Longs(Count);
        var n = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Key != 0)
            {
                order[n++] = ((long)_slots[i].Key << 32) | (uint)i;
            }
        }

        order = order[..n];
        order.Sort();
        foreach (var o in order)
        {
            ref readonly var s = ref _slots[(int)(uint)o];
            w.WriteVarInt(s.Key - 1);
            w.WriteVarInt(s.Count);
            w.WriteInt64(s.Last);
        }
    }

    /// <summary>Exposures in ascending author order (snapshots).</summary>
    public readonly List<(int Author, int Count, DateTimeOffset Last)> Ordered()
    {
        var items = new List<(int, int, DateTimeOffset)>(Count);
        foreach (var s in _slots ?? [])
        {
            if (s.Key != 0)
            {
                items.Add((s.Key - 1, s.Count, new DateTimeOffset(s.Last, TimeSpan.Zero)));
            }
        }

        items.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return items;
    }

    private void Set(int author, int count, long last)
    {
        if (_slots is null || _slots.Length < HashedFrom)
        {
            // Small table: the first Count slots in arrival order, searched linearly, grown two slots at a time.
            var at = Find(author);
            if (at >= 0)
            {
                _slots![at].Count = count;
                _slots[at].Last = last;
                return;
            }

            if (_slots is null || Count == _slots.Length)
            {
                if (_slots is not null && _slots.Length + 2 >= HashedFrom)
                {
                    Grow();
                    Set(author, count, last);
                    return;
                }

                Array.Resize(ref _slots, (_slots?.Length ?? 0) + 2);
            }

            _slots[Count++] = new Slot { Key = author + 1, Count = count, Last = last };
            return;
        }

        if ((Count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        for (var i = Hash(author) & mask; ; i = (i + 1) & mask)
        {
            ref var s = ref _slots[i];
            if (s.Key == 0)
            {
                s = new Slot { Key = author + 1, Count = count, Last = last };
                Count++;
                return;
            }

            if (s.Key == author + 1)
            {
                s.Count = count;
                s.Last = last;
                return;
            }
        }
    }

    private readonly int Find(int author)
    {
        if (_slots is null)
        {
            return -1;
        }

        if (_slots.Length < HashedFrom)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_slots[i].Key == author + 1)
                {
                    return i;
                }
            }

            return -1;
        }

        var mask = _slots.Length - 1;
        for (var i = Hash(author) & mask; ; i = (i + 1) & mask)
        {
            var key = _slots[i].Key;
            if (key == 0)
            {
                return -1;
            }

            if (key == author + 1)
            {
                return i;
            }
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old is null || old.Length < HashedFrom ? HashedFrom : old.Length * 2];
        Count = 0;
        foreach (var s in old ?? [])
        {
            if (s.Key != 0)
            {
                Set(s.Key - 1, s.Count, s.Last);
            }
        }
    }

    private static int Hash(int author) => (int)((uint)author * 0x9E3779B1u >> 7);

    private struct Slot
    {
        public int Key;
        public int Count;
        public long Last;
    }
}
