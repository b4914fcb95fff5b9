using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Personalization;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>Everything one feed request's stages read; built under the engine's read lock.</summary>
public sealed class FeedContext
{
    /// <summary>Creates a context.</summary>
    public FeedContext(CoreState core, UserState user, DateTimeOffset now, int limit, bool explain, string[] interests)
    {
        Core = core;
        User = user;
        Now = now;
        Limit = limit;
        Explain = explain;
        Interests = interests;
    }

    /// <summary>The state.</summary>
    public CoreState Core { get; }

    /// <summary>The reader.</summary>
    public UserState User { get; }

    /// <summary>Serving time (freshness only; never enters the state).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Page size.</summary>
    public int Limit { get; }

    /// <summary>Explanations requested.</summary>
    public bool Explain { get; }

    /// <summary>The user's normalised declared interests.</summary>
    public string[] Interests { get; }

    /// <summary>The traffic-pools module, when composed.</summary>
    public DistributionModule? Distribution { get; init; }

    /// <summary>The personalisation module (profiles, note embeddings, engagement model), when composed.</summary>
    public PersonalizationModule? Personalization { get; init; }

    /// <summary>The reader's learned profile, when the module has one.</summary>
    public UserTaste? Taste => Personalization?.TasteOf(User.Index);

    /// <summary>Scratch for the engagement model's feature slots (one request runs on one thread).</summary>
    public int[] FeatureScratch { get; } = new int[PersonalizationModule.FeatureCount];

    /// <summary>Scratch for one candidate's per-head probabilities when the page is not explained.</summary>
    public float[] ProbabilityScratch { get; } = new float[Ranking.EngagementHeads.Count];

    /// <summary>The reader's served set.</summary>
    public ServedNotes Served { get; init; } = null!;

    /// <summary>Session of this request (a refresh starts a new one; a cursor continues it).</summary>
    public int Session { get; init; }

    /// <summary>Suppressed content.</summary>
    public IContentSuppression Suppression { get; init; } = NoSuppression.Instance;

    /// <summary>Options.</summary>
    public FeedOptions Options { get; init; } = new();

    /// <summary>Cursor walk position in (phase, below); updated by the chronological source.</summary>
    public int Phase { get; set; } = 1;

    /// <summary>See <see cref="Phase"/>.</summary>
    public int Below { get; set; } = int.MaxValue;

    /// <summary>Notes the previous page's walk passed but did not place (from the cursor), offered first.</summary>
    public IReadOnlyList<int> Carried { get; init; } = [];

    /// <summary>Walked notes this page did not place, best first, for the next cursor (set by the pipeline).</summary>
    public List<int> Carry { get; } = [];

    /// <summary>True when the chronological walk reached the end of the catalogue.</summary>
    public bool Exhausted { get; set; }
}
