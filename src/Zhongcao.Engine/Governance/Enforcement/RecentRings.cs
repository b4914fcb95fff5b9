namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// Every viewer's <see cref="RecentRing"/> in shared storage instead of one <c>int[]</c> each: a ring is a block of
/// (capacity + 1) ints in a pool of its size class (capacities 3, 5, 8, 12, 18, 27, 40, then <see cref="RecentRing.Max"/>:
/// half again per step), and a viewer holds a 4-byte handle (class and block number; 0 = no ring). A ring that
/// fills moves to the next class, its old block going to the class's free list; a dropped ring frees its block. Same
/// contents and order as the array form (the snapshot writes them as before); no array header per viewer and less
/// room left empty.
/// </summary>
internal sealed class RecentRings
{
    private static readonly int[] Capacities = [3, 5, 8, 12, 18, 27, 40, RecentRing.Max];
    private const int ClassBits = 3;
    private const int Shift = 8;
    private const int SegmentSize = 1 << Shift;

    private readonly Pool[] _pools = [.. Capacities.Select(c => new Pool(c + 1))];
    private int[] _handles = [];

    /// <summary>Viewers 0 … <paramref name="count"/> − 1 can hold a ring.</summary>
    public void EnsureUsers(int count)
    {
        if (count > _handles.Length)
        {
            Array.Resize(ref _handles, count);
        }
    }

    /// <summary>Contributions held for <paramref name="user"/>.</summary>
    public int Count(int user) => _handles[user] is var h and > 0 ? Ring(h)[0] >> 8 : 0;

    /// <summary>Appends to the viewer's ring, dropping the oldest when it holds <see cref="RecentRing.Max"/>.</summary>
    public void Add(int user, int packed)
    {
        var h = _handles[user];
        if (h == 0)
        {
            h = _handles[user] = Allocate(0);
        }

        var ring = Ring(h);
        var cls = (h - 1) & ((1 << ClassBits) - 1);
        if (ring[0] >> 8 == Capacities[cls] && cls + 1 < Capacities.Length)
        {
            var grown = Allocate(cls + 1);
            var target = Ring(grown);
            RecentRing.CopyOrdered(ring, target[1..]);
            target[0] = (ring[0] >> 8) << 8;
            Free(h);
            h = _handles[user] = grown;
            ring = target;
        }

        RecentRing.AddTo(ring, packed);
    }

    /// <summary>The viewer's contributions, oldest first.</summary>
    public int[] ToArray(int user)
    {
        if (_handles[user] is not (var h and > 0))
        {
            return [];
        }

        var ring = Ring(h);
        var result = new int[ring[0] >> 8];
        RecentRing.CopyOrdered(ring, result);
        return result;
    }

    /// <summary>Forgets the viewer's ring.</summary>
    public void Drop(int user)
    {
        if (_handles[user] is var h and > 0)
        {
            Free(h);
            _handles[user] = 0;
        }
    }

    private Span<int> Ring(int handle) => _pools[(handle - 1) & ((1 << ClassBits) - 1)].Block((handle - 1) >> ClassBits);

    private int Allocate(int cls)
    {
        var block = _pools[cls].Allocate();
        _pools[cls].Block(block)[0] = 0;
        return ((block << ClassBits) | cls) + 1;
    }

    private void Free(int handle) => _pools[(handle - 1) & ((1 << ClassBits) - 1)].Free((handle - 1) >> ClassBits);

    /// <summary>Fixed-size blocks in segments, with a free list.</summary>
    private sealed class Pool(int stride)
    {
        private int[]?[] _segments = [];
        private int _count;
        private readonly Stack<int> _free = new();

        public int Allocate()
        {
            if (_free.TryPop(out var n))
            {
                return n;
            }

            var segment = _count >> Shift;
            if (segment == _segments.Length)
            {
                Array.Resize(ref _segments, _segments.Length + (_segments.Length / 2) + 1);
            }

            _segments[segment] ??= new int[SegmentSize * stride];
            return _count++;
        }

        public void Free(int n) => _free.Push(n);

        public Span<int> Block(int n) => _segments[n >> Shift]!.AsSpan((n & (SegmentSize - 1)) * stride, stride);
    }
}
