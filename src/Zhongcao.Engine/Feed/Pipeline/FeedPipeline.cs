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
        var set = new CandidateSet();
        foreach (var source in Sources)
        {
            if (!context.Options.Disabled.Contains(source.Name))
            {
                source.Collect(context, set);
            }
        }

        var candidates = set.Items;
        Hydrator.Hydrate(context, candidates);
        var removed = new List<(FeedCandidate, string, string)>();
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

        // Pool-only candidates are placed in reserved slots; the rest are ranked and mixed.
        var poolOnly = new List<FeedCandidate>();
        var ranked = new List<FeedCandidate>(candidates.Count);
        foreach (var c in candidates)
        {
            (c.Pool is not null && c.Sources.Count == 1 ? poolOnly : ranked).Add(c);
        }

        foreach (var selector in Mixing)
        {
            if (!context.Options.Disabled.Contains(selector.Name))
            {
                selector.Select(context, ranked);
            }
        }

        var fillContext = context.Limit - poolOnly.Count == context.Limit ? context : Narrowed(context, Math.Max(1, context.Limit - poolOnly.Count));
        new ConstrainedFill(Constraints).Select(fillContext, ranked);
        var page = PoolPlacement.Place(ranked, poolOnly, context.Limit);
        return new FeedRun(page, removed);
    }

    private static FeedContext Narrowed(FeedContext c, int limit) => new(c.Core, c.User, c.Now, limit, c.Explain, c.Interests)
    {
        Distribution = c.Distribution,
        Personalization = c.Personalization,
        Served = c.Served,
        Session = c.Session,
        Suppression = c.Suppression,
        Options = c.Options,
    };
}
