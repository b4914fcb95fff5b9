using System.Runtime.CompilerServices;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// A note's counts per hour since the epoch — impressions (kind 0) and actions by <see cref="ActionKind"/> (kind
/// 1 + kind) — stored sparsely: one 64-bit entry per (hour, kind) that was ever counted, ordered by hour then kind,
/// packing <c>(hour × 16 + kind) &lt;&lt; 28 | count</c> (count as a signed 28-bit number). A note counted in a few hours
/// holds a few dozen bytes instead of a sorted-tree node and a 13-long array per hour. Events arrive in time order,
/// so updates touch the tail of the array.
/// </summary>
public struct HourlyCounts
{
    /// <summary>Values per hour: impressions, then one per <see cref="ActionKind"/>.</summary>
    public const int BucketLength = 1 + ActionKinds.Count;

    private const int CountBits = 28;
    private const long CountMask = (1L << CountBits) - 1;

    private long[]? _entries;
    private int _count;

    /// <summary>Number of distinct hours with a count.</summary>
    public readonly int Count
    {
        get
        {
            var hours = 0;
            var last = long.MinValue;
            for (var i = 0; i < _count; i++)
            {
                var hour = HourOf(_entries![i]);
                if (hour != last)
                {
                    hours++;
                    last = hour;
                }
            }

            return hours;
        }
    }

    /// <summary>Number of stored (hour, kind) entries.</summary>
    internal readonly int Entries => _count;

    internal readonly long EntryAt(int i) => _entries![i];

    internal static long HourOf(long entry) => entry >> (CountBits + 4);

    internal static int KindOf(long entry) => (int)(entry >> CountBits) & 15;

    internal static long CountOf(long entry) => (entry << (64 - CountBits)) >> (64 - CountBits);

    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="kind"/> (0 = impressions) in <paramref name="hour"/>.</summary>
    internal void Add(long hour, int kind, long delta)
    {
        var key = (hour * 16) + kind;
        var i = _count - 1;
        while (i >= 0 && (_entries![i] >> CountBits) > key)
        {
            i--;
        }

        if (i >= 0 && (_entries![i] >> CountBits) == key)
        {
            var count = CountOf(_entries[i]) + delta;
            _entries[i] = (key << CountBits) | (count & CountMask);
            return;
        }

        if (_entries is null || _count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries is null ? 4 : _entries.Length + Math.Max(4, _entries.Length / 2));
        }

        Array.Copy(_entries, i + 1, _entries, i + 2, _count - i - 1);
        _entries[i + 1] = (key << CountBits) | (delta & CountMask);
        _count++;
    }

    /// <summary>An entry: <paramref name="key"/> is hour × 16 + kind.</summary>
    internal static long Entry(long key, long count) => (key << CountBits) | (count & CountMask);

    /// <summary>Counts over <paramref name="count"/> entries already in order (an unpacked note).</summary>
    internal static HourlyCounts FromEntries(long[]? entries, int count) => new() { _entries = entries, _count = count };

    /// <summary>Restores one entry (snapshot load; entries arrive in order).</summary>
    internal void Append(long hour, int kind, long count) => Add(hour, kind, count);

    public readonly Enumerator GetEnumerator() => new(_entries, _count);

    /// <summary>Yields each hour with its counts, ascending.</summary>
    public struct Enumerator(long[]? entries, int count)
    {
        private int _next;

        public KeyValuePair<long, HourBucket> Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= count)
            {
                return false;
            }

            var hour = HourOf(entries![_next]);
            var bucket = default(HourBucket);
            while (_next < count && HourOf(entries[_next]) == hour)
            {
                bucket.Values[KindOf(entries[_next])] = CountOf(entries[_next]);
                _next++;
            }

            Current = new(hour, bucket);
            return true;
        }
    }
}

/// <summary>One hour's counts: [impressions, actions by <see cref="ActionKind"/>...].</summary>
public struct HourBucket
{
    internal Values13 Values;

    public readonly int Length => HourlyCounts.BucketLength;

    public readonly long this[int i] => Values[i];

    [InlineArray(HourlyCounts.BucketLength)]
    internal struct Values13
    {
        private long _first;
    }
}
