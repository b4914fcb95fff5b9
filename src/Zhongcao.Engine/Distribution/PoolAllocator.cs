using System.Collections.Concurrent;
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
        var visited = new HashSet<int>();
        var scan = new ScanBudget(o.MaxScan);
        var returning = viewer?.ReturnedAt is { } back && now - back < o.ReturningFor;

        // An author's bucket holds that author's notes only: a few entries deep is enough, and a user may follow many.
        var authorDepth = Math.Max(1, o.BucketScan / 8);

        void Pools(IEnumerable<PoolIndex.Entry> bucket, int limit)
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
                    ConsiderPool(core, user, viewer, audience, e.Note, now, best);
                }
            }
        }

        void Tail(IEnumerable<int> bucket, int limit)
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
                    ConsiderLongTail(core, user, viewer, audience, n, now, returning, best);
                }
            }
        }

        foreach (var tag in audience.Tags)
        {
            Pools(index.PoolWithTag(tag), o.BucketScan);
        }

        foreach (var author in audience.Authors)
        {
            Pools(index.PoolOfAuthor(author), authorDepth);
        }

        foreach (var prefix in audience.Prefixes)
        {
            Pools(index.ExpansionWithPrefix(prefix), o.BucketScan);
        }

        // Long tail: featured (evergreen, seasonal) notes, then the newest sustained notes of the user's tags and authors.
        foreach (var n in _module.Featured)
        {
            if (visited.Add(n))
            {
                ConsiderLongTail(core, user, viewer, audience, n, now, returning, best);
            }
        }

        foreach (var tag in audience.Tags)
        {
            Tail(index.TailWithTag(tag, residual: false), o.BucketScan / 2);
            Tail(index.TailWithTag(tag, residual: true), o.BucketScan / 4);
        }

        foreach (var author in audience.Authors)
        {
            Tail(index.TailOfAuthor(author), Math.Max(1, authorDepth / 2));
        }

        if (viewer is not null)
        {
            ConsiderResurfacing(core, user, viewer, now, best);
        }

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

    private void ConsiderPool(CoreState core, UserState user, ViewerState? viewer, UserAudience audience, int n, DateTimeOffset now, TopK best)
    {
        if (_module.Of(n) is not { InPool: true } d)
        {
            return;
        }

        var state = core.Note(n);
        if (!Eligible(core, user, state, allowSeen: false) || !Admitted(d, user.Index))
        {
            return;
        }

        var live = IsLive(state.Note, now);
        var match = audience.Match(d, state, allowAdjacent: d.Level >= 1);
        if (match == 0)
        {
            return;
        }

        var o = _module.Options;
        var delivered = d.Current.Impressions + PendingOf(n, now);
        if (d.Budget <= 0 || delivered >= d.Budget)
        {
            return;
        }

        var window = (d.WindowEndsAt - d.StageStartedAt).Ticks;
        var elapsed = window <= 0 ? 1 : (double)(now - d.StageStartedAt).Ticks / window;
        var deliveredFraction = (double)delivered / d.Budget;
        var common = match * d.Multiplier * AuthorFatigue(viewer, d, now) * (live ? o.LiveBoost : 1);
        if (d.Policy == DistributionPolicy.Guarantee)
        {
            var boost = Freshness.GuaranteeBoost(elapsed, deliveredFraction, o.GuaranteeMaxBoost);
            if (boost > 0)
            {
                Offer(best, user, new PoolCandidate(n, live ? "pool:live" : "pool:guarantee", boost * common, boost, d.Policy));
            }

            return;
        }

        // Behind schedule (more of the window gone than of the budget delivered) raises priority up to 2x.
        var schedule = 1 + Math.Clamp(elapsed - deliveredFraction, -0.9, 1);
        var fresh = FreshnessOf(d, now);
        var source = live ? "pool:live" : d.Level == 0 ? "pool:coldStart" : $"pool:expansion:{d.Level}";
        Offer(best, user, new PoolCandidate(n, source, schedule * fresh * common, 0, d.Policy));
    }

    private void ConsiderLongTail(CoreState core, UserState user, ViewerState? viewer, UserAudience audience, int n, DateTimeOffset now,
        bool returning, TopK best)
    {
        if (_module.Of(n) is not { PoolStage: DistributionStage.Sustained } d)
        {
            return;
        }

        var state = core.Note(n);
        if (best.Contains(n) || !Eligible(core, user, state, allowSeen: false) || !Admitted(d, user.Index))
        {
            return;
        }

        var match = audience.Match(d, state, allowAdjacent: !d.Residual);
        if (match == 0)
        {
            return;
        }

        var o = _module.Options;
        var priority = (d.Residual ? o.ResidualPriority : o.SustainedPriority)
            * FreshnessOf(d, now)
            * (d.Season is not null ? 2 : 1) * (returning ? 2 : 1) * match * d.Multiplier * AuthorFatigue(viewer, d, now);
        var source = d.Season is not null ? "pool:seasonal" : d.Evergreen ? "pool:evergreen" : "pool:sustained";
        Offer(best, user, new PoolCandidate(n, source, priority, 0, DistributionPolicy.Pools));
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
        note.PrimaryMediaType == MediaType.Live && now - note.CreatedAt < _module.Options.LiveWindow;

    /// <summary>
    /// Offers a candidate after the near-duplicate part of creative fatigue: fewer near-duplicates (SimHash) of notes
    /// the user has already seen. That factor is at most 1, so it is only worked out for a candidate whose priority
    /// without it would enter the page's top K (the index lookups are the costly part of fatigue).
    /// </summary>
    private void Offer(TopK best, UserState user, PoolCandidate candidate)
    {
        if (!best.Accepts(candidate))
        {
            return;
        }

        var o = _module.Options;
        var copies = _module.Duplicates.SeenDuplicates(candidate.NoteIndex, user);
        best.Offer(copies == 0 ? candidate : candidate with { Priority = candidate.Priority * Freshness.Fatigue(copies, o.FatigueFloor, o.FatigueDecay) });
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
        !note.Deleted
        && note.AuthorIndex != user.Index
        && (allowSeen || !user.Seen.Contains(note.Index))
        && !user.NotInterested.Contains(note.Index)
        && !user.HiddenAuthors.Contains(note.AuthorIndex);
}
