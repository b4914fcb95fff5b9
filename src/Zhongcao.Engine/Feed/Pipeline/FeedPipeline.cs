using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Feed.Pipeline.Hydrators;
using Zhongcao.Engine.Feed.Pipeline.Scorers;
using Zhongcao.Engine.Feed.Pipeline.Selectors;
using Zhongcao.Engine.Feed.Pipeline.Sources;

namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>
/// The feed as typed stages (after X's product-mixer): sources (each named, with a quota) → hydration →
/// filters (kept and removed-with-reason) → scorer (never drops or reorders) → selectors and mixing rules
/// (order and cap) → pool placement. Each stage is replaceable; the learned engagement model plugs in
/// through <see cref="IEngagementScorer"/>.
/// </summary>
public sealed class FeedPipeline
{
    /// <summary>Creates the default pipeline.</summary>
    public FeedPipeline(IEngagementScorer? engagement = null)
    {
        // Order matters: pools, trending, exploration and the embedding sources take their quotas first; the chronological sources
        // fill the remaining slots and own the cursor, so the page is about the limit and nothing is lost.
        Sources = [new PoolSource(), new TrendingSource(), new ExplorationSource(), new InterestEmbeddingSource(), new RecentRelatedSource(), new ChronologicalSources()];
        Filters = [new EligibilityFilter(), new ServedFilter(), new NegativeFeedbackFilter()];
        Scorer = new DefaultFeedScorer(engagement ?? new ModelEngagementScorer(new CounterEngagementScorer()));
        Mixing = [new ScoreOrder(), new AuthorDiversity(), new MmrRerank()];
        Constraints = [new PromotedCapConstraint(), new CategorySpacingConstraint(), new MediaRunConstraint()];
    }

    /// <summary>Candidate sources, in collection order.</summary>
    public List<ICandidateSource> Sources { get; }

    /// <summary>Hydration.</summary>
    public NoteHydrator Hydrator { get; } = new();

    /// <summary>Filters, in order.</summary>
    public List<IFeedFilter> Filters { get; }

    /// <summary>The scorer.</summary>
    public IFeedScorer Scorer { get; set; }

    /// <summary>Ordering selectors and soft mixing rules, in order.</summary>
    public List<IFeedSelector> Mixing { get; }

    /// <summary>Hard mixing rules applied while filling the page, most important first (relaxed from the end).</summary>
    public List<IMixingConstraint> Constraints { get; }

    /// <summary>Runs every stage for one request (under the engine's read lock).</summary>
    public FeedRun Run(FeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var set = new CandidateSet();
        ChronologicalSources? walk = null;
        foreach (var source in Sources)
        {
            if (!context.Options.Disabled.Contains(source.Name))
            {
                source.Collect(context, set);
                walk ??= source as ChronologicalSources;
            }
        }

        var removed = new List<(FeedCandidate, string, string)>();
        var candidates = Prepare(context, set.Items, removed);

        // Pool-only candidates are placed in reserved slots; the rest are ranked and mixed.
        var poolOnly = new List<FeedCandidate>();
        var pending = new List<FeedCandidate>(candidates.Count);
        foreach (var c in candidates)
        {
            (c.Pool is not null && c.Sources.Count == 1 ? poolOnly : pending).Add(c);
        }

        Mix(context, pending);
        var fill = new ConstrainedFill(Constraints);
        var limit = Math.Max(1, context.Limit - poolOnly.Count);
        var placed = new List<FeedCandidate>(limit);
        fill.Fill(context, limit, placed, pending);

        // Refill: when the hard rules (or a source that came up short) left slots, the walk continues for the missing
        // slots (times RefillFactor); what was passed over is mixed again with the new notes and the page is filled on from
        // where it stopped, so every rule is checked against the whole page.
        for (var round = 0; round < context.Options.RefillRounds && placed.Count < limit && walk is not null && !context.Exhausted; round++)
        {
            var before = set.Items.Count;
            walk.CollectMore(context, set, (int)Math.Ceiling((limit - placed.Count) * context.Options.RefillFactor) + ChronologicalSources.Margin(context));
            if (set.Items.Count == before)
            {
                break;
            }

            pending.AddRange(Prepare(context, set.Items.GetRange(before, set.Items.Count - before), removed));
            foreach (var c in pending)
            {
                c.MixedScore = c.Score;
            }

            Mix(context, pending);
            fill.Fill(context, limit, placed, pending);
        }

        var page = PoolPlacement.Place(placed, poolOnly, context.Limit);
        CarryUnplaced(context, page, placed, pending);
        return new FeedRun(page, removed);
    }

    /// <summary>Hydrates, filters (recording what was removed) and scores new candidates.</summary>
    private List<FeedCandidate> Prepare(FeedContext context, List<FeedCandidate> candidates, List<(FeedCandidate, string, string)> removed)
    {
        Hydrator.Hydrate(context, candidates);
        foreach (var filter in Filters)
        {
            var result = filter.Apply(context, candidates);
            foreach (var (c, reason) in result.Removed)
            {
                removed.Add((c, filter.Name, reason));
            }

            candidates = result.Kept;
        }

        Scorer.Score(context, candidates);
        return candidates;
    }

    private void Mix(FeedContext context, List<FeedCandidate> candidates)
    {
        foreach (var selector in Mixing)
        {
            if (!context.Options.Disabled.Contains(selector.Name))
            {
                selector.Select(context, candidates);
            }
        }
    }

    /// <summary>
    /// Walked notes the page did not place go into the next cursor, best first, up to <see cref="FeedOptions.CarryShare"/>
    /// of the page: the walk has moved past them, so without the carry the session would skip them.
    /// </summary>
    private static void CarryUnplaced(FeedContext context, List<FeedCandidate> page, List<FeedCandidate> placed, List<FeedCandidate> pending)
    {
        var max = (int)Math.Ceiling(context.Limit * context.Options.CarryShare);
        if (max == 0)
        {
            return;
        }

        // The next page can place only so many promoted notes (the cap is never relaxed): carrying more would crowd out
        // notes it can place.
        var promotedRoom = context.Options.Disabled.Contains(PromotedCapConstraint.RuleName)
            ? int.MaxValue
            : (int)Math.Ceiling((double)context.Limit / Math.Max(1, context.Options.PromotedEvery));
        var onPage = new HashSet<int>(page.Count);
        foreach (var c in page)
        {
            onPage.Add(c.NoteIndex);
        }

        foreach (var list in (ReadOnlySpan<List<FeedCandidate>>)[placed, pending])
        {
            foreach (var c in list)
            {
                if (context.Carry.Count == max)
                {
                    return;
                }

                if (c.Walked && !c.ServedEarlier && !onPage.Contains(c.NoteIndex) && (!c.Promoted || promotedRoom-- > 0))
                {
                    context.Carry.Add(c.NoteIndex);
                }
            }
        }
    }
}
