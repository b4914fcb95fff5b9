using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Zhongcao.Engine.Identity;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Serves the pools from real feed requests (finite supply): for one user, picks notes that need impressions
/// and whose audience the user belongs to (the note's tags meet the user's interests or engaged tags; the
/// user follows or engaged with the author; from level 1 on, adjacent interests sharing a level-1 category),
/// highest priority first — a note behind its schedule is preferred — and long-tail notes (sustained,
/// evergreen, seasonal, resurfaced to viewers who showed interest without engaging). Runs under the
/// engine's read lock; its only state is an ephemeral served-but-not-yet-impressed counter per note.
/// </summary>
public sealed partial class PoolAllocator
{
    private readonly DistributionModule _module;
    private readonly ConcurrentDictionary<int, (int Count, long LastTicks)> _pending = new();

    internal PoolAllocator(DistributionModule module) => _module = module;

    /// <summary>Reserved pool slots in a page of <paramref name="pageSize"/> (at least one from three items up).</summary>
    public int SlotsFor(int pageSize)
    {
        var share = _module.Options.ReservedShare;
        if (share <= 0)
        {
            return 0;
        }

        var slots = (int)Math.Floor(pageSize * share);
        return pageSize >= 3 ? Math.Max(1, slots) : slots;
    }

    /// <summary>Served-but-not-impressed count of a note (0 once expired).</summary>
    public int PendingOf(int note, DateTimeOffset now) =>
        _pending.TryGetValue(note, out var p) && now.UtcTicks - p.LastTicks < _module.Options.PendingTtl.Ticks ? p.Count : 0;

    /// <summary>
    /// Chooses up to <see cref="SlotsFor"/> candidates for <paramref name="user"/> and marks them served. Touches only
    /// the audience buckets of <see cref="PoolIndex"/> that match the user (their tags, their authors, the level-1
    /// prefixes of their tags for expansion notes), each read from the note furthest behind its schedule and only
    /// <see cref="DistributionOptions.BucketScan"/> entries deep, so the cost does not grow with the catalogue.
    /// </summary>
    public IReadOnlyList<PoolCandidate> Allocate(CoreState core, UserState user, int pageSize, DateTimeOffset now)
    {
        var slots = SlotsFor(pageSize);
        if (slots == 0)
        {
            return [];
        }

        var o = _module.Options;
        var index = _module.Index;
        var viewer = _module.Viewer(user.Index);
        var audience = new UserAudience(user, viewer);
        var best = new TopK(slots);
        var scratch = Scratch.Rent();
        var visited = scratch.Visited;
        var offered = scratch.Offered;
        var scan = new ScanBudget(o.MaxScan);
        var returning = viewer?.ReturnedAt is { } back && now - back < o.ReturningFor;

        var bar = default(Bar); // none during the pool walk: the picks are made after it

        // An author's bucket holds that author's notes only: a few entries deep is enough, and a user may follow many.
        var authorDepth = Math.Max(1, o.BucketScan / 8);

        // A bucket says part of the audience match: every note of a tag bucket carries that tag (one of the user's), every
        // note of an author bucket is by an author of the user's audience, so only a prefix bucket needs the full match.
        void Pools(IEnumerable<PoolIndex.Entry> bucket, int limit, Known known)
        {
            var depth = 0;
            foreach (var e in bucket)
            {
                if (++depth > limit || !scan.Take())
                {
                    return;
                }

                if (visited.Add(e.Note))
                {
                    ConsiderPool(core, user, viewer, audience, e.Note, now, offered, known);
                }
            }
        }

        void Tail(IEnumerable<int> bucket, int limit, Known known)
        {
            var depth = 0;
            foreach (var n in bucket)
            {
                if (++depth > limit || !scan.Take())
                {
                    return;
                }

                if (visited.Add(n))
                {
                    ConsiderLongTail(core, user, viewer, audience, n, now, returning, offered, known, bar);
                }
            }
        }

        foreach (var tag in audience.Tags)
        {
            Pools(index.PoolWithTag(tag), o.BucketScan, Known.Tag);
        }

        foreach (var author in audience.Authors)
        {
            Pools(index.PoolOfAuthor(author), authorDepth, Known.Author);
        }

        foreach (var prefix in audience.Prefixes)
        {
            Pools(index.ExpansionWithPrefix(prefix), o.BucketScan, Known.None);
        }

        Resolve(best, offered, user);

        // Long tail: featured (evergreen, seasonal) notes, then the newest sustained notes of the user's tags and authors.
        // Skipped when the page's pool slots are already held by notes no long-tail note can outrank (the bound is exact,
        // so the picks are the same as with the walk).
        if (best.Accepts(Probe(LongTailBound(returning))))
        {
            bar = Bar.Of(best, slots);
            foreach (var n in (NoteBitSet)_module.Featured)
            {
                if (visited.Add(n))
                {
                    ConsiderLongTail(core, user, viewer, audience, n, now, returning, offered, Known.None, bar);
                }
            }

            foreach (var tag in audience.Tags)
            {
                Tail(index.TailWithTag(tag, residual: false), o.BucketScan / 2, Known.Tag);
                Tail(index.TailWithTag(tag, residual: true), o.BucketScan / 4, Known.Tag);
            }

            foreach (var author in audience.Authors)
            {
                Tail(index.TailOfAuthor(author), Math.Max(1, authorDepth / 2), Known.Author);
            }

            Resolve(best, offered, user);
        }

        if (viewer is not null && best.Accepts(Probe(ResurfaceBound)))
        {
            ConsiderResurfacing(core, user, viewer, now, best);
        }

        Scratch.Return(scratch);
        return Commit(best, now);
    }

    private IReadOnlyList<PoolCandidate> Commit(TopK best, DateTimeOffset now)
    {
        var ttl = _module.Options.PendingTtl.Ticks;
        var picks = best.Result();
        foreach (var p in picks)
        {
            _pending.AddOrUpdate(p.NoteIndex, _ => (1, now.UtcTicks),
                (_, old) => (now.UtcTicks - old.LastTicks < ttl ? old.Count + 1 : 1, now.UtcTicks));
        }

        return picks;
    }

    /// <summary>Called when an impression is counted: one served allocation was used.</summary>
    internal void OnImpressed(int note)
    {
        if (_pending.TryGetValue(note, out var p) && p.Count > 0)
        {
            _pending.TryUpdate(note, (p.Count - 1, p.LastTicks), p);
        }
    }

    /// <summary>
    /// Offers pool note <paramref name="n"/> when the user may see it, is in its audience and it still wants impressions.
    /// The refusals are independent tests, so they run cheapest first: what the note's distribution state alone decides
    /// (its budget, author, governance share), then the user's sets, and only then the note itself and the pending count.
    /// </summary>
    private void ConsiderPool(CoreState core, UserState user, ViewerState? viewer, UserAudience audience, int n, DateTimeOffset now,
        List<Offered> offered, Known known = Known.None)
    {
        if (_module.Of(n) is not { InPool: true } d || d.Budget <= 0 || d.Current.Impressions >= d.Budget
            || !Reachable(user, n, d.AuthorIndex, allowSeen: false) || !Admitted(d, user.Index))
        {
            return;
        }

        var state = core.Note(n);
        if (state.Deleted)
        {
            return;
        }

        var match = MatchOf(audience, user, viewer, d, state, known, allowAdjacent: d.Level >= 1);
        if (match == 0)
        {
            return;
        }

        var o = _module.Options;
        var delivered = d.Current.Impressions + PendingOf(n, now);
        if (delivered >= d.Budget)
        {
            return;
        }

        var live = IsLive(state.Note, now);
        var window = (d.WindowEndsAt - d.StageStartedAt).Ticks;
        var elapsed = window <= 0 ? 1 : (double)(now - d.StageStartedAt).Ticks / window;
        var deliveredFraction = (double)delivered / d.Budget;
        var common = match * d.Multiplier * AuthorFatigue(viewer, d, now) * (live ? o.LiveBoost : 1);
        if (d.Policy == DistributionPolicy.Guarantee)
        {
            var boost = Freshness.GuaranteeBoost(elapsed, deliveredFraction, o.GuaranteeMaxBoost);
            if (boost > 0)
            {
                Offer(offered, new Offered(n, live ? LiveSource : GuaranteeSource, boost * common, boost, d.Policy));
            }

            return;
        }

        // Behind schedule (more of the window gone than of the budget delivered) raises priority up to 2x.
        var schedule = 1 + Math.Clamp(elapsed - deliveredFraction, -0.9, 1);
        var fresh = FreshnessOf(d, now);
        var source = live ? LiveSource : d.Level == 0 ? ColdStartSource : ExpansionSource(d.Level);
        Offer(offered, new Offered(n, source, schedule * fresh * common, 0, d.Policy));
    }

    /// <summary>
    /// Offers long-tail note <paramref name="n"/>. With <paramref name="bar"/> set (the page's pool slots are full), a note
    /// whose priority cannot beat the lowest pick even at the strongest audience match and no fatigue is passed over
    /// before its eligibility is looked up: the picks only get harder to beat, so it could never enter.
    /// </summary>
    private void ConsiderLongTail(CoreState core, UserState user, ViewerState? viewer, UserAudience audience, int n, DateTimeOffset now,
        bool returning, List<Offered> offered, Known known = Known.None, Bar bar = default)
    {
        if (_module.Of(n) is not { PoolStage: DistributionStage.Sustained } d)
        {
            return;
        }

        var o = _module.Options;
        var fresh = FreshnessOf(d, now);
        var seasonal = d.Season is not null;
        if (bar.Set && FatigueCap == 1
            && bar.Stops((d.Residual ? o.ResidualPriority : o.SustainedPriority) * fresh * (seasonal ? 2 : 1) * (returning ? 2 : 1)
                * UserAudience.AuthorAudience * d.Multiplier, n))
        {
            return;
        }

        if (!Reachable(user, n, d.AuthorIndex, allowSeen: false) || !Admitted(d, user.Index))
        {
            return;
        }

        var state = core.Note(n);
        if (state.Deleted)
        {
            return;
        }

        var match = MatchOf(audience, user, viewer, d, state, known, allowAdjacent: !d.Residual);
        if (match == 0)
        {
            return;
        }

        var priority = (d.Residual ? o.ResidualPriority : o.SustainedPriority)
            * fresh
            * (seasonal ? 2 : 1) * (returning ? 2 : 1) * match * d.Multiplier * AuthorFatigue(viewer, d, now);
        var source = seasonal ? "pool:seasonal" : d.Evergreen ? "pool:evergreen" : "pool:sustained";
        Offer(offered, new Offered(n, source, priority, 0, DistributionPolicy.Pools));
    }

    private void ConsiderResurfacing(CoreState core, UserState user, ViewerState viewer, DateTimeOffset now, TopK best)
    {
        var o = _module.Options;
        var looked = 0;
        foreach (var n in viewer.InterestedNotes.Items)
        {
            if (++looked > 64)
            {
                break;
            }

            var d = _module.Of(n);
            var state = core.Note(n);
            if (d is null || best.Contains(n) || d.PoolStage is not (DistributionStage.Sustained or DistributionStage.Expansion)
                || !Eligible(core, user, state, allowSeen: true) || !Admitted(d, user.Index))
            {
                continue;
            }

            var priority = o.SustainedPriority * 1.5 * FreshnessOf(d, now)
                * d.Multiplier;
            best.Offer(new PoolCandidate(n, "pool:resurface", priority, 0, DistributionPolicy.Pools));
        }
    }

    /// <summary>The fading boost while the logged state says the note is fresh; the floor after (evergreen: exempt).</summary>
    private double FreshnessOf(NoteDistribution d, DateTimeOffset now)
    {
        var o = _module.Options;
        return d.Fresh ? Freshness.Boost(now - d.PublishedAt, o.FreshnessPeriod, o.FreshnessFloor, d.Evergreen) : d.Evergreen ? 1 : o.FreshnessFloor;
    }

    private bool IsLive(Note note, DateTimeOffset now) =>
        now - note.CreatedAt < _module.Options.LiveWindow && note.PrimaryMediaType == MediaType.Live;

    /// <summary>Keeps a candidate for <see cref="Resolve"/> (a priority of 0 or less never enters a page).</summary>
    private static void Offer(List<Offered> offered, in Offered candidate)
    {
        if (candidate.Priority > 0)
        {
            offered.Add(candidate);
        }
    }

    /// <summary>
    /// Moves the collected candidates into <paramref name="best"/>, applying the near-duplicate part of creative fatigue:
    /// fewer near-duplicates (SimHash) of notes the user has already seen. That factor is at most 1 and its index lookups
    /// are the costly part of fatigue, so candidates are taken in order of their priority without it (highest first,
    /// ties: the newer note) and it is worked out only while such a priority would still enter the top K; once one
    /// cannot, none after it can. The picks are those of offering every candidate with its fatigue applied.
    /// </summary>
    private void Resolve(TopK best, List<Offered> offered, UserState user)
    {
        if (offered.Count == 0)
        {
            return;
        }

        // A heap rather than a sort: the walk stops after a few candidates (about the page's pool slots), so ordering
        // all of them (hundreds) was wasted work. The order taken is the same, the order being total (notes are distinct).
        var heap = CollectionsMarshal.AsSpan(offered);
        var count = heap.Length;
        for (var i = (count / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, i, count);
        }

        var o = _module.Options;
        while (count > 0)
        {
            var c = heap[0];
            var candidate = new PoolCandidate(c.Note, c.Source, c.Priority, c.Boost, c.Policy);
            if (!best.Accepts(candidate))
            {
                break;
            }

            heap[0] = heap[--count];
            SiftDown(heap, 0, count);
            var copies = _module.Duplicates.SeenDuplicates(c.Note, user);
            best.Offer(copies == 0 ? candidate : candidate with { Priority = c.Priority * Freshness.Fatigue(copies, o.FatigueFloor, o.FatigueDecay) });
        }

        offered.Clear();
    }

    /// <summary>Resolve's order: higher priority first, ties: the newer note.</summary>
    private static bool Before(in Offered a, in Offered b) => a.Priority > b.Priority || (a.Priority == b.Priority && a.Note > b.Note);

    private static void SiftDown(Span<Offered> heap, int at, int count)
    {
        var item = heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Before(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Before(heap[child], item))
            {
                break;
            }

            heap[at] = heap[child];
            at = child;
        }

        heap[at] = item;
    }

    /// <summary>
    /// The highest priority a long-tail note can have for this user: the larger of the sustained and residual priorities,
    /// times 2 (seasonal), times 2 when the user is returning, times the strongest audience match; freshness, the
    /// governance multiplier and fatigue are at most 1.
    /// </summary>
    private double LongTailBound(bool returning)
    {
        var o = _module.Options;
        return Math.Max(o.SustainedPriority, o.ResidualPriority) * 2 * (returning ? 2 : 1) * UserAudience.AuthorAudience * FatigueCap;
    }

    /// <summary>The largest fatigue factor: 1 unless a decay above 1 is configured (then no bound is assumed).</summary>
    private double FatigueCap => _module.Options.FatigueDecay is >= 0 and <= 1 ? 1 : double.PositiveInfinity;

    /// <summary>The highest priority a resurfaced note can have: 1.5 × the sustained priority (freshness and multiplier are at most 1).</summary>
    private double ResurfaceBound => _module.Options.SustainedPriority * 1.5 * FatigueCap;

    /// <summary>
    /// A stand-in candidate with priority <paramref name="bound"/> that wins every tie: when the top K does not accept it,
    /// it is full of candidates strictly above the bound, so no candidate at or below the bound can enter.
    /// </summary>
    private static PoolCandidate Probe(double bound) => new(int.MaxValue, "", bound, 0, DistributionPolicy.Pools);

    private const string LiveSource = "pool:live";
    private const string GuaranteeSource = "pool:guarantee";
    private const string ColdStartSource = "pool:coldStart";
    private static readonly string[] ExpansionSources = [.. Enumerable.Range(0, 8).Select(l => $"pool:expansion:{l}")];

    private static string ExpansionSource(int level) =>
        (uint)level < (uint)ExpansionSources.Length ? ExpansionSources[level] : $"pool:expansion:{level}";

    /// <summary>A candidate as collected, before fatigue by near-duplicates.</summary>
    private readonly record struct Offered(int Note, string Source, double Priority, double Boost, DistributionPolicy Policy);

    /// <summary>Per-thread working sets of one allocation (the visited notes and the collected candidates), reused.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_free;

        public NoteMarks Visited { get; } = new();

        public List<Offered> Offered { get; } = [];

        public static Scratch Rent()
        {
            var s = t_free ?? new Scratch();
            t_free = null;
            return s;
        }

        public static void Return(Scratch s)
        {
            s.Visited.Clear();
            s.Offered.Clear();
            t_free = s;
        }
    }

    /// <summary>
    /// The notes one allocation has looked at: a bit per note index, cleared word by word through the list of the words
    /// it set, so a request pays for what it touched only (a hash set paid a hash and a probe per note, and its clearing).
    /// </summary>
    private sealed class NoteMarks
    {
        private ulong[] _words = [];
        private int[] _touched = new int[64];
        private int _count;

        /// <summary>Marks note <paramref name="n"/> (an index, at least 0); false when it was marked already.</summary>
        public bool Add(int n)
        {
            var w = n >> 6;
            if (w >= _words.Length)
            {
                Array.Resize(ref _words, Math.Max(w + 1, _words.Length * 2));
            }

            ref var word = ref _words[w];
            var bit = 1UL << n;
            if ((word & bit) != 0)
            {
                return false;
            }

            if (word == 0)
            {
                if (_count == _touched.Length)
                {
                    Array.Resize(ref _touched, _count * 2);
                }

                _touched[_count++] = w;
            }

            word |= bit;
            return true;
        }

        public void Clear()
        {
            for (var i = 0; i < _count; i++)
            {
                _words[_touched[i]] = 0;
            }

            _count = 0;
        }
    }

    /// <summary>Creative fatigue by author: fewer notes of an author the user saw many times within the fatigue window.</summary>
    private double AuthorFatigue(ViewerState? viewer, NoteDistribution d, DateTimeOffset now)
    {
        var o = _module.Options;
        return viewer is not null && viewer.AuthorExposures.TryGetValue(d.AuthorIndex, out var e) && now - e.Last <= o.FatigueWindow
            ? Freshness.Fatigue(e.Count, o.FatigueFloor, o.FatigueDecay)
            : 1;
    }

    /// <summary>Governance: a limited note reaches only the multiplier's share of users (stable per user and note).</summary>
    private static bool Admitted(NoteDistribution d, int user)
    {
        if (!d.Limited)
        {
            return true;
        }

        var h = StableHash.Mix(((ulong)(uint)user << 32) | (uint)d.NoteIndex);
        return (h >> 11) * (1.0 / (1UL << 53)) < d.Multiplier;
    }

    private static bool Eligible(CoreState core, UserState user, NoteState note, bool allowSeen) =>
        !note.Deleted && Reachable(user, note.Index, note.AuthorIndex, allowSeen);

    /// <summary><see cref="Eligible"/> without the deletion test: what the user's own sets decide about note <paramref name="n"/> by <paramref name="author"/>.</summary>
    private static bool Reachable(UserState user, int n, int author, bool allowSeen) =>
        author != user.Index
        && (allowSeen || !user.Seen.Contains(n))
        && !user.NotInterested.Contains(n)
        && !user.HiddenAuthors.Contains(author);

    /// <summary>
    /// <see cref="UserAudience.Match"/>, shortened by what the bucket a note came from already says: a note of an author
    /// bucket matches as the author's audience; a note of a tag bucket as the author's audience when the user follows or
    /// engaged with its author, otherwise as a direct interest (it carries the bucket's tag, one of the user's).
    /// </summary>
    private static double MatchOf(UserAudience audience, UserState user, ViewerState? viewer, NoteDistribution d, NoteState state,
        Known known, bool allowAdjacent) => known switch
        {
            Known.Author => UserAudience.AuthorAudience,
            Known.Tag => user.Following.Contains(d.AuthorIndex) || (viewer?.EngagedAuthors.Contains(d.AuthorIndex) ?? false)
                ? UserAudience.AuthorAudience
                : UserAudience.Interest,
            _ => audience.Match(d, state, allowAdjacent),
        };

    /// <summary>The lowest pick of a full top K, which a candidate has to beat (priority, then the newer note); unset while there is room.</summary>
    private readonly record struct Bar(bool Set, double Priority, int Note)
    {
        public static Bar Of(TopK best, int slots)
        {
            var picks = best.Result();
            return slots > 0 && picks.Count >= slots ? new Bar(true, picks[^1].Priority, picks[^1].NoteIndex) : default;
        }

        /// <summary>True when no candidate of note <paramref name="note"/> with a priority up to <paramref name="bound"/> can enter.</summary>
        public bool Stops(double bound, int note) => Set && !(bound > Priority || (bound == Priority && note > Note));
    }

    /// <summary>What the bucket a candidate was read from says about its audience match.</summary>
    private enum Known : byte
    {
        /// <summary>Nothing: the full match is worked out.</summary>
        None,

        /// <summary>The note carries one of the user's tags.</summary>
        Tag,

        /// <summary>The note's author is one the user follows or engaged with.</summary>
        Author,
    }
}
