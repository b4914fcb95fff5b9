using Zhongcao.Engine.Profiles;
using Zhongcao.Engine.Ranking;

namespace Zhongcao.Engine.Personalization;

/// <summary>Parameters of <see cref="PersonalizationModule"/>. Every default says why it was chosen.</summary>
public sealed record PersonalizationOptions
{
    /// <summary>Length of note and interest embeddings: 32 (fixed), small enough for the per-note memory budget of ~400 bytes with its HNSW links.</summary>
    public const int Dimension = 32;

    /// <summary>Interest half-life: 14 days, so a taste fades over a few weeks unless renewed (decay runs on log time, never a clock).</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Action weights (default: share &gt; save &gt; comment &gt; like &gt; follow &gt; click &gt; dwell; negative actions push away).</summary>
    public InterestWeights Weights { get; init; } = InterestWeights.Hierarchy();

    /// <summary>After "not interested" or "hide author", that author is filtered this long (X's "see fewer" rule: 14 days).</summary>
    public TimeSpan FilterFor { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Then the penalty recovers linearly to none over this long (X: 140 days).</summary>
    public TimeSpan RecoverOver { get; init; } = TimeSpan.FromDays(140);

    /// <summary>Weight of each declared interest of a new user, in action units (3: about a comment's worth).</summary>
    public float DeclaredInterestWeight { get; init; } = 3f;

    /// <summary>Weight a search gives each tag its terms name (2: a like's worth; a search is explicit but cheap).</summary>
    public float SearchWeight { get; init; } = 2f;

    /// <summary>Journey points a search adds to the categories it names (research behaviour).</summary>
    public float SearchJourneyPoints { get; init; } = 2f;

    /// <summary>Journey points at or above which a category is in the research stage (4: one save or comment on a product note).</summary>
    public float ResearchThreshold { get; init; } = 4f;

    /// <summary>Journey points at or above which a category is in the purchase stage (12: several saves or shares in a short time).</summary>
    public float PurchaseThreshold { get; init; } = 12f;

    /// <summary>An action on a note within this long after its impression is that impression's outcome (30 min: a browsing session).</summary>
    public TimeSpan AttributionWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Engagement model: hashed table size and learning rates.</summary>
    public EngagementModelOptions Model { get; init; } = new();

    /// <summary>The feed uses the learned model once it has trained on this many impressions (before that, counters): 2,000.</summary>
    public long MinModelExamples { get; init; } = 2_000;

    /// <summary>Action values of the final score Σ weight × P(action).</summary>
    public ActionValueWeights ActionValues { get; init; } = ActionValueWeights.Hierarchy();

    /// <summary>Co-engagement embedding SGD rate (0.05, word2vec's usual start).</summary>
    public float EmbeddingLearningRate { get; init; } = 0.05f;

    /// <summary>Negative samples per co-engaged pair (3: enough to separate, cheap enough to run online).</summary>
    public int Negatives { get; init; } = 3;

    /// <summary>
    /// Weight of the hashed-token content vector beside the (unit) learned vector in a note's embedding: 0.75, so
    /// co-engagement leads but a note stays findable from its words and tags (new users' declared interests query those).
    /// </summary>
    public float ContentWeight { get; init; } = 0.75f;

    /// <summary>Seed of initial vectors, negative sampling and the HNSW level generator.</summary>
    public ulong Seed { get; init; } = 17;

    /// <summary>HNSW links per node (12, 24 on layer 0): recall ≥ 0.95 at 32 dimensions with less memory than 16.</summary>
    public int HnswM { get; init; } = 12;

    /// <summary>
    /// HNSW beam width while inserting (64: a third of hnswlib's default; an insert is the costliest per-note step, and the
    /// feed over-fetches 4 neighbours per slot, so a slightly weaker graph costs little).
    /// </summary>
    public int HnswEfConstruction { get; init; } = 64;

    /// <summary>
    /// HNSW beam width while re-linking a note whose embedding moved (48, against the insert's 64: a re-link, the costliest
    /// step of the event path, gets cheaper while recall and the reachability of moved notes hold; at 32 some notes moved
    /// far were no longer found at their new place. See BENCHMARKS.md, "Re-linking moved notes").
    /// </summary>
    public int HnswRelinkEf { get; init; } = 48;

    /// <summary>
    /// A note's embedding is re-indexed after this many co-engagement updates since it was last indexed (16: each
    /// re-index is an HNSW insert, the costliest step per note, so a note is moved once its vector has had time to move).
    /// </summary>
    public int ReindexAfter { get; init; } = 16;

    /// <summary>
    /// Deferred work (training the model on finished impressions, the embeddings on co-engaged pairs, and re-indexing
    /// notes) runs at each distribution tick, or as soon as this many items wait (bounds memory without a tick).
    /// </summary>
    public int FlushAt { get; init; } = 16_384;

    /// <summary>
    /// Build the approximate note index on a background thread (true, the default) instead of on the writer's apply
    /// path. The exact note embeddings are replayed state either way; the graph is a derived cache of them, so the
    /// state digest does not depend on this setting. False indexes inline (useful to compare costs).
    /// </summary>
    public bool BackgroundIndexing { get; init; } = true;

    /// <summary>
    /// Most note upserts and removals waiting for the background indexer (65,536); a full queue makes the writer wait
    /// until the indexer catches up.
    /// </summary>
    public int IndexQueueCapacity { get; init; } = 65_536;

    /// <summary>
    /// Fraction of impressions that got no action which the engagement model trains on (0.25). The kept ones are
    /// chosen by a hash of (user, note, minute, <see cref="Seed"/>), so replay keeps the same ones, and weigh
    /// 1/fraction, so predicted probabilities stay calibrated. Impressions with any action are always kept. 1 trains on
    /// every impression.
    /// </summary>
    public float QuietImpressionSampling { get; init; } = 0.25f;

    /// <summary>Throws <see cref="InvalidOptionException"/> naming the first option out of range (nested ones as "Model:Bits").</summary>
    public void Validate()
    {
        static void Positive(TimeSpan v, string key) => InvalidOptionException.Require(v > TimeSpan.Zero, key, "a positive duration", v);
        static void NonNegative(float v, string key) => InvalidOptionException.Require(v >= 0 && float.IsFinite(v), key, "0 or more", v);
        Positive(HalfLife, nameof(HalfLife));
        InvalidOptionException.Require(FilterFor >= TimeSpan.Zero, nameof(FilterFor), "0 or a positive duration", FilterFor);
        Positive(RecoverOver, nameof(RecoverOver));
        NonNegative(DeclaredInterestWeight, nameof(DeclaredInterestWeight));
        NonNegative(SearchWeight, nameof(SearchWeight));
        NonNegative(SearchJourneyPoints, nameof(SearchJourneyPoints));
        InvalidOptionException.Require(ResearchThreshold > 0, nameof(ResearchThreshold), "positive", ResearchThreshold);
        InvalidOptionException.Require(PurchaseThreshold >= ResearchThreshold, nameof(PurchaseThreshold), $"at least ResearchThreshold ({ResearchThreshold})", PurchaseThreshold);
        Positive(AttributionWindow, nameof(AttributionWindow));
        InvalidOptionException.Require(MinModelExamples >= 0, nameof(MinModelExamples), "0 or more", MinModelExamples);
        InvalidOptionException.Require(EmbeddingLearningRate is > 0 and <= 1, nameof(EmbeddingLearningRate), "above 0 and at most 1", EmbeddingLearningRate);
        InvalidOptionException.Require(Negatives is >= 0 and <= 64, nameof(Negatives), "between 0 and 64", Negatives);
        NonNegative(ContentWeight, nameof(ContentWeight));
        InvalidOptionException.Require(HnswM is >= 2 and <= 128, nameof(HnswM), "between 2 and 128", HnswM);
        InvalidOptionException.Require(HnswEfConstruction >= 1, nameof(HnswEfConstruction), "1 or more", HnswEfConstruction);
        InvalidOptionException.Require(HnswRelinkEf >= 1, nameof(HnswRelinkEf), "1 or more", HnswRelinkEf);
        InvalidOptionException.Require(ReindexAfter >= 1, nameof(ReindexAfter), "1 or more", ReindexAfter);
        InvalidOptionException.Require(FlushAt >= 1, nameof(FlushAt), "1 or more", FlushAt);
        InvalidOptionException.Require(IndexQueueCapacity >= 1, nameof(IndexQueueCapacity), "1 or more", IndexQueueCapacity);
        InvalidOptionException.Require(QuietImpressionSampling is > 0 and <= 1, nameof(QuietImpressionSampling), "above 0 and at most 1", QuietImpressionSampling);
        Model.Validate(nameof(Model) + ":");
    }
}
