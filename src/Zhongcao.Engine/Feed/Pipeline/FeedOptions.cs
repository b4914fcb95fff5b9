namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>
/// Tunables of the feed pipeline. Defaults marked "X" follow X's open-sourced home-mixer; "choice" are ours,
/// to be tuned by the offline evaluation once it exists.
/// </summary>
public sealed class FeedOptions
{
    /// <summary>Trending candidates per page: page/10 (choice), at least 1.</summary>
    public double TrendingShare { get; set; } = 0.1;

    /// <summary>Trending looks at engagement in the last 6 hours (choice: a feed refreshes many times in that span).</summary>
    public TimeSpan TrendingWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Trending considers the newest 5,000 notes only, so a request never scans the catalogue (choice).</summary>
    public int TrendingScan { get; set; } = 5_000;

    /// <summary>Exploration share: 2 % of slots go to random unseen notes (brief; keeps estimates of unknown notes honest).</summary>
    public double ExplorationShare { get; set; } = 0.02;

    /// <summary>Author diversity: the k-th note of one author is scaled by (1 - floor)·decay^k + floor (X: decay 0.5, floor 0.25).</summary>
    public double AuthorDecay { get; set; } = 0.5;

    /// <summary>See <see cref="AuthorDecay"/>.</summary>
    public double AuthorFloor { get; set; } = 0.25;

    /// <summary>At most this many consecutive notes of one media type (choice).</summary>
    public int MaxMediaRun { get; set; } = 5;

    /// <summary>A level-2 category does not repeat within this many slots (choice).</summary>
    public int CategorySpacing { get; set; } = 5;

    /// <summary>At most one promoted (sponsored or commercial) note in this many slots (choice, close to the industry's ~1 in 10).</summary>
    public int PromotedEvery { get; set; } = 9;

    /// <summary>MMR trade-off: 1 is pure relevance, 0 pure diversity (choice 0.8: a light touch after the hard rules).</summary>
    public double MmrLambda { get; set; } = 0.8;

    /// <summary>MMR compares a candidate with the last this many placed notes (one screen of a two-column grid).</summary>
    public int MmrWindow { get; set; } = 6;

    /// <summary>How long a served note is remembered for refreshes (choice: a browsing session).</summary>
    public TimeSpan ServedTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Freshness fades linearly to the floor over this period (S §7: ~72 h).</summary>
    public TimeSpan FreshnessPeriod { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Freshness never falls below this.</summary>
    public double FreshnessFloor { get; set; } = 0.3;

    /// <summary>Interest-embedding neighbours per page: 30 % (choice: the largest personal source, leaving room for follows and tags).</summary>
    public double EmbeddingShare { get; set; } = 0.3;

    /// <summary>Neighbours of the user's latest engaged note per page: 10 % (choice: "more like what you just liked").</summary>
    public double RelatedShare { get; set; } = 0.1;

    /// <summary>The strongest learned tags added to the "interest:" sources beside the declared ones: 3 (choice).</summary>
    public int LearnedInterestTags { get; set; } = 3;

    /// <summary>HNSW beam width for feed retrieval (64: recall ≥ 0.95 at 32 dimensions in the ANN tests).</summary>
    public int EmbeddingEf { get; set; } = 64;

    /// <summary>Product notes in a category where the reader is researching: × 1.25 (choice).</summary>
    public double ResearchBoost { get; set; } = 1.25;

    /// <summary>Product notes in a category where the reader is ready to buy: × 1.5 (choice).</summary>
    public double PurchaseBoost { get; set; } = 1.5;

    /// <summary>Product notes for readers with no research or purchase intent in their category: × 0.8 (lifestyle notes go broadly; choice).</summary>
    public double ProductElsewhere { get; set; } = 0.8;

    /// <summary>The temporal factor is clamped to [1/this, this]: 1.25 (choice: a nudge, never a takeover).</summary>
    public double TemporalRange { get; set; } = 1.25;

    /// <summary>
    /// The cursor's walk may take this share of the page beyond the free slots on its first pass, so the ranking chooses
    /// among more notes than fit (walked notes left unplaced are carried to the next page in the cursor). Default 0
    /// (choice): the extra walked notes would outscore the sources whose share is a promise (exploration's 2 %, the
    /// interest neighbours' 30 %) and push them off the page. Short pages are handled by the refill instead.
    /// </summary>
    public double WalkMargin { get; set; }

    /// <summary>
    /// A refill asks the walk for the missing slots times this (2, choice): whatever passed notes over once (mostly the
    /// promoted cap) is likely to pass a similar share of the new ones over, and what is left is carried, not lost.
    /// </summary>
    public double RefillFactor { get; set; } = 2;

    /// <summary>
    /// At most this share of the page is carried in the cursor (0.5: ten notes on a page of 20, choice; keeps cursors
    /// short). Carried notes beyond it, the lowest scored, are skipped for the session and return on the next refresh.
    /// </summary>
    public double CarryShare { get; set; } = 0.5;

    /// <summary>
    /// When filters or the hard mixing rules leave a page short, the walk continues for the missing slots this many
    /// more times (3, choice; each round scans at most <see cref="Sources.ChronologicalSources.MaxScan"/> notes).
    /// </summary>
    public int RefillRounds { get; set; } = 3;

    /// <summary>Disabled rules by name (e.g. "mix:mmr"), for experiments.</summary>
    public HashSet<string> Disabled { get; } = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        static void Share(double v, string key) => InvalidOptionException.Require(v is >= 0 and <= 1, key, "between 0 and 1", v);
        static void Positive(TimeSpan v, string key) => InvalidOptionException.Require(v > TimeSpan.Zero, key, "a positive duration", v);
        Share(TrendingShare, nameof(TrendingShare));
        Positive(TrendingWindow, nameof(TrendingWindow));
        InvalidOptionException.Require(TrendingScan >= 0, nameof(TrendingScan), "0 or more", TrendingScan);
        Share(ExplorationShare, nameof(ExplorationShare));
        InvalidOptionException.Require(AuthorDecay is > 0 and <= 1, nameof(AuthorDecay), "above 0 and at most 1", AuthorDecay);
        Share(AuthorFloor, nameof(AuthorFloor));
        InvalidOptionException.Require(MaxMediaRun >= 1, nameof(MaxMediaRun), "1 or more", MaxMediaRun);
        InvalidOptionException.Require(CategorySpacing >= 1, nameof(CategorySpacing), "1 or more", CategorySpacing);
        InvalidOptionException.Require(PromotedEvery >= 1, nameof(PromotedEvery), "1 or more", PromotedEvery);
        Share(MmrLambda, nameof(MmrLambda));
        InvalidOptionException.Require(MmrWindow >= 0, nameof(MmrWindow), "0 or more", MmrWindow);
        Positive(ServedTtl, nameof(ServedTtl));
        Positive(FreshnessPeriod, nameof(FreshnessPeriod));
        Share(FreshnessFloor, nameof(FreshnessFloor));
        Share(EmbeddingShare, nameof(EmbeddingShare));
        Share(RelatedShare, nameof(RelatedShare));
        InvalidOptionException.Require(LearnedInterestTags >= 0, nameof(LearnedInterestTags), "0 or more", LearnedInterestTags);
        InvalidOptionException.Require(EmbeddingEf >= 1, nameof(EmbeddingEf), "1 or more", EmbeddingEf);
        InvalidOptionException.Require(ResearchBoost > 0, nameof(ResearchBoost), "positive", ResearchBoost);
        InvalidOptionException.Require(PurchaseBoost > 0, nameof(PurchaseBoost), "positive", PurchaseBoost);
        InvalidOptionException.Require(ProductElsewhere > 0, nameof(ProductElsewhere), "positive", ProductElsewhere);
        InvalidOptionException.Require(TemporalRange >= 1, nameof(TemporalRange), "1 or more", TemporalRange);
        Share(WalkMargin, nameof(WalkMargin));
        Share(CarryShare, nameof(CarryShare));
        InvalidOptionException.Require(RefillRounds is >= 0 and <= 10, nameof(RefillRounds), "between 0 and 10", RefillRounds);
        InvalidOptionException.Require(RefillFactor is >= 1 and <= 10, nameof(RefillFactor), "between 1 and 10", RefillFactor);
    }
}
