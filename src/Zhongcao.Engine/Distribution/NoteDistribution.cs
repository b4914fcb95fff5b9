namespace Zhongcao.Engine.Distribution;

/// <summary>
/// The persisted distribution state of one note: its stage and level in the state machine, the current
/// stage's budget, window and counters, governance overlay, long-tail flags, the per-viewer records that
/// make counting exact (unique viewers, once per action), read-model aggregates and every transition.
/// </summary>
public sealed partial class NoteDistribution
{
    internal NoteDistribution(int noteIndex, int authorIndex, DistributionPolicy policy, string arm, DateTimeOffset publishedAt)
    {
        NoteIndex = noteIndex;
        AuthorIndex = authorIndex;
        Policy = policy;
        Arm = arm;
        PublishedAt = publishedAt;
    }

    public int NoteIndex { get; }
    public int AuthorIndex { get; }
    public DistributionPolicy Policy { get; }

    /// <summary>Experiment arm name ("" when no arms are configured).</summary>
    public string Arm { get; }
    public DateTimeOffset PublishedAt { get; }

    /// <summary>Progress stage (never <see cref="DistributionStage.Limited"/>: governance is an overlay, see <see cref="Stage"/>).</summary>
    public DistributionStage PoolStage { get; internal set; } = DistributionStage.ColdStart;

    /// <summary>0 in cold start, 1..N in expansion, the last level reached afterwards.</summary>
    public int Level { get; internal set; }

    /// <summary>The stage as reported: <see cref="DistributionStage.Limited"/> while a limit applies.</summary>
    public DistributionStage Stage => Limited && PoolStage is not DistributionStage.Removed ? DistributionStage.Limited : PoolStage;

    /// <summary>True when the note halted and keeps only residual long-tail traffic.</summary>
    public bool Residual { get; internal set; }
    public bool Evergreen { get; internal set; }

    /// <summary>True during the freshness period (72 h); cleared by the first tick after it, with a recorded transition.</summary>
    public bool Fresh { get; internal set; } = true;

    /// <summary>The season currently reviving this note, or null.</summary>
    public string? Season { get; internal set; }

    public double Quality { get; internal set; } = 50;

    /// <summary>True while any governance limit applies: the gate's or a moderator's verdict, or a reach limit (brand points).</summary>
    public bool Limited => GateLimited || ReachMultiplier < 1;

    /// <summary>The governance multiplier in force: the smaller of the verdict's and the reach limit's (1 = none).</summary>
    public double Multiplier => Math.Min(GateLimited ? GateMultiplier : 1, ReachMultiplier);

    /// <summary>A limit verdict (gate or moderator) applies, with <see cref="GateMultiplier"/> until <see cref="LimitUntil"/>.</summary>
    public bool GateLimited { get; internal set; }
    public double GateMultiplier { get; internal set; } = 1;
    public DateTimeOffset? LimitUntil { get; internal set; }

    /// <summary>Reach limit from outside the note (<see cref="IReachLimits"/>, e.g. a brand's traffic limit); 1 = none.</summary>
    public double ReachMultiplier { get; internal set; } = 1;
    public DateTimeOffset? ReachUntil { get; internal set; }
    public string ReachReason { get; internal set; } = "";

    /// <summary>The current pool's budget before the reach limit scaled it (0 when not scaled).</summary>
    public long BudgetBeforeReach { get; internal set; }

    /// <summary>The author's authority effect captured when the note entered cold start (see <see cref="AuthorityEffect"/>).</summary>
    public double AuthorityBudget { get; internal set; } = 1;
    public double AuthorityThreshold { get; internal set; } = 1;
    public string AuthorityNiche { get; internal set; } = "";
    public string AuthorityReason { get; internal set; } = "";

    /// <summary>
    /// Where distribution stood when a review hold or a rejection stopped it (null when nothing is held): a later
    /// allow resumes here (same stage, level, counters, remaining budget and window) instead of a new cold start.
    /// </summary>
    public DistributionStage? HeldStage { get; internal set; }
    public int HeldLevel { get; internal set; }
    public long HeldBudget { get; internal set; }
    public TimeSpan HeldWindowLeft { get; internal set; }
    public int HeldExtensions { get; internal set; }
    public bool HeldResidual { get; internal set; }
    public DateTimeOffset HeldStageStartedAt { get; internal set; }

    public DateTimeOffset StageStartedAt { get; internal set; }
    public DateTimeOffset WindowEndsAt { get; internal set; }

    /// <summary>Impression budget (pools) or target (guarantee) of the current stage.</summary>
    public long Budget { get; internal set; }
    public int Extensions { get; internal set; }
    public StageCounters Current { get; } = new();

    /// <summary>All counted impressions and actions over the note's life.</summary>
    public StageCounters Total { get; } = new();

    /// <summary>Impressions and excluded events (flagged accounts, engagement without an impression).</summary>
    public long Excluded { get; internal set; }

    public long[] ImpressionsBySurface { get; } = new long[4];
    public double[] WeightedBySurface { get; } = new double[4];
    public long[] ImpressionsByStage { get; } = new long[7];
    public double[] WeightedByStage { get; } = new double[7];
    public long FollowerViewers { get; internal set; }
    public long ReturningViewers { get; internal set; }

    /// <summary>Declared interests of counted viewers, with counts.</summary>
    public Dictionary<string, long> AudienceInterests { get; } = new(StringComparer.Ordinal);

    /// <summary>Counted viewers by user index.</summary>
    public Dictionary<int, ViewerRecord> Viewers { get; } = [];

    /// <summary>Per hour since the epoch: [impressions, actions by <see cref="ActionKind"/>...].</summary>
    public SortedDictionary<long, long[]> Hourly { get; } = [];

    public List<PoolTransition> Transitions { get; } = [];

    /// <summary>Level-1 prefixes of the note's tags ("beauty" for "beauty/skincare"): adjacent-interest matching.</summary>
    internal string[] TagPrefixes { get; set; } = [];

    /// <summary>The note's normalized tags as the core holds them (audience index keys; derived, not persisted).</summary>
    internal string[] Tags { get; set; } = [];

    /// <summary>True while the note takes part in a pool (cold start or expansion).</summary>
    public bool InPool => PoolStage is DistributionStage.ColdStart or DistributionStage.Expansion;

    internal long[] HourBucket(DateTimeOffset at)
    {
        var hour = at.UtcTicks / TimeSpan.TicksPerHour;
        if (_lastBucket is { } last && _lastHour == hour)
        {
            return last; // events of a note arrive in bursts within the same hour: skip the tree walk
        }

        if (!Hourly.TryGetValue(hour, out var bucket))
        {
            bucket = new long[1 + ActionKinds.Count];
            Hourly.Add(hour, bucket);
        }

        _lastHour = hour;
        _lastBucket = bucket;
        return bucket;
    }

    // The bucket last returned by HourBucket (the same array as in Hourly; a cache, not state).
    private long _lastHour;
    private long[]? _lastBucket;
}
