using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

public sealed partial class PoolAllocator
{
    /// <summary>
    /// The allocator before <see cref="PoolIndex"/>: walks the note lists of the user's tags and authors newest first
    /// down to the oldest note in a pool, within <see cref="DistributionOptions.MaxScan"/>. Kept as the reference the
    /// indexed <see cref="Allocate"/> is benchmarked and tested against; the feed does not use it.
    /// </summary>
    internal IReadOnlyList<PoolCandidate> AllocateByScan(CoreState core, UserState user, int pageSize, DateTimeOffset now)
    {
        var slots = SlotsFor(pageSize);
        if (slots == 0)
        {
            return [];
        }

        var o = _module.Options;
        var viewer = _module.Viewer(user.Index);
        var audience = new UserAudience(user, viewer);
        var best = new TopK(slots);
        var visited = new HashSet<int>();
        var offered = new List<Offered>();
        var scan = new ScanBudget(o.MaxScan);

        // Pools: only notes the user can match are looked at, through indexes — the note indexes of the
        // user's tags and of the authors whose audience they are in, newest first and only down to the
        // oldest note still in a pool — plus the (few) expansion notes, which adjacent interests may reach.
        var returning = viewer?.ReturnedAt is { } back && now - back < o.ReturningFor;
        void Consider(int n)
        {
            if (_module.Of(n) is { InPool: true })
            {
                ConsiderPool(core, user, viewer, audience, n, now, offered);
            }
            else
            {
                ConsiderLongTail(core, user, viewer, audience, n, now, returning, offered);
            }
        }

        var floor = _module.Active.Count == 0 ? int.MaxValue : ((NoteBitSet)_module.Active).Min;
        foreach (var tag in audience.Tags)
        {
            ScanDown(core.NotesWithTag(tag), int.MaxValue, floor, scan, visited, Consider);
        }

        foreach (var author in audience.Authors)
        {
            ScanDown(core.User(author).Notes, int.MaxValue, floor, scan, visited, Consider);
        }

        foreach (var n in ((NoteBitSet)_module.Expanding).Descending())
        {
            if (!scan.Take())
            {
                break;
            }

            if (visited.Add(n))
            {
                ConsiderPool(core, user, viewer, audience, n, now, offered);
            }
        }

        // Long tail: featured (evergreen, seasonal) notes, then older notes of the user's tags.
        foreach (var n in _module.Featured)
        {
            if (visited.Add(n))
            {
                ConsiderLongTail(core, user, viewer, audience, n, now, returning, offered);
            }
        }

        var tail = new ScanBudget(o.MaxScan / 4);
        foreach (var tag in audience.Tags)
        {
            ScanDown(core.NotesWithTag(tag), Math.Min(floor, core.NoteCount), 0, tail, visited, Consider); // below what the pool scan saw
        }

        Resolve(best, offered, user);
        if (viewer is not null)
        {
            ConsiderResurfacing(core, user, viewer, now, best);
        }

        return Commit(best, now);
    }

    /// <summary>Visits the entries of an ascending index list that are below <paramref name="below"/>, newest first, down to <paramref name="floor"/>, within the scan budget.</summary>
    private static void ScanDown(IReadOnlyList<int> notes, int below, int floor, ScanBudget scan, HashSet<int> visited, Action<int> visit)
    {
        int lo = 0, hi = notes.Count - 1, start = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (notes[mid] < below)
            {
                start = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        for (var i = start; i >= 0 && notes[i] >= floor; i--)
        {
            if (!scan.Take())
            {
                return;
            }

            if (visited.Add(notes[i]))
            {
                visit(notes[i]);
            }
        }
    }
}
