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
    /// A note's embedding is re-indexed after this many co-engagement updates since it was last indexed (16: each
    /// re-index is an HNSW insert, the costliest step per note, so a note is moved once its vector has had time to move).
    /// </summary>
    public int ReindexAfter { get; init; } = 16;

    /// <summary>
    /// Deferred work (training the model on finished impressions, the embeddings on co-engaged pairs, and re-indexing
    /// notes) runs at each distribution tick, or as soon as this many items wait (bounds memory without a tick).
    /// </summary>
    public int FlushAt { get; init; } = 16_384;
}
