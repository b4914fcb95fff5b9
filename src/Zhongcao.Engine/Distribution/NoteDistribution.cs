namespace Zhongcao.Engine.Distribution;

/// <summary>
/// The persisted distribution state of one note: its stage and level in the state machine, the current
/// stage's budget, window and counters, governance overlay, long-tail flags, the per-viewer records that
/// make counting exact (unique viewers, once per action), read-model aggregates and every transition.
/// Laid out for memory: instants as UTC ticks, per-surface/per-stage tallies inline, viewers, hourly counts,
/// audience interests and transitions in compact packed arrays, rarely used parts (a hold) allocated on demand, and
/// the whole counted part packed into one byte array once the note has left the pools and gone quiet
/// (NoteDistribution.Body.cs).
/// </summary>
public sealed partial class NoteDistribution
{
    internal NoteDistribution(int noteIndex, int authorIndex, DistributionPolicy policy, string arm, DateTimeOffset publishedAt, TagTable tables)
    {
        _tagTable = tables;
        NoteIndex = noteIndex;
        AuthorIndex = authorIndex;
        Policy = policy;
        if (arm.Length > 0)
        {
            Rare(true)!.Arm = arm;
        }

        _publishedAt = publishedAt.UtcTicks;
    }

    public int NoteIndex { get; }
    public int AuthorIndex { get; }
    public DistributionPolicy Policy { get; }

    /// <summary>Experiment arm name ("" when no arms are configured).</summary>
    public string Arm => _rare?.Arm ?? "";
    public DateTimeOffset PublishedAt => Utc(_publishedAt);

    /// <summary>Progress stage (never <see cref="DistributionStage.Limited"/>: governance is an overlay, see <see cref="Stage"/>).</summary>
    public DistributionStage PoolStage { get; internal set; } = DistributionStage.ColdStart;

    /// <summary>0 in cold start, 1..N in expansion, the last level reached afterwards.</summary>
    public int Level { get => _level; internal set => _level = checked((short)value); }

    /// <summary>The stage as reported: <see cref="DistributionStage.Limited"/> while a limit applies.</summary>
    public DistributionStage Stage => Limited && PoolStage is not DistributionStage.Removed ? DistributionStage.Limited : PoolStage;

    /// <summary>True when the note halted and keeps only residual long-tail traffic.</summary>
    public bool Residual { get => Flag(ResidualFlag); internal set => SetFlag(ResidualFlag, value); }
    public bool Evergreen { get => Flag(EvergreenFlag); internal set => SetFlag(EvergreenFlag, value); }

    /// <summary>True during the freshness period (72 h); cleared by the first tick after it, with a recorded transition.</summary>
    public bool Fresh { get => Flag(FreshFlag); internal set => SetFlag(FreshFlag, value); }

    /// <summary>The season currently reviving this note, or null.</summary>
    public string? Season { get => _rare?.Season; internal set => Rare(value is not null)?.Season = value; }

    public double Quality { get => Live.Quality; internal set => Live.Quality = value; }

    /// <summary>True while any governance limit applies: the gate's or a moderator's verdict, or a reach limit (brand points).</summary>
    public bool Limited => GateLimited || ReachMultiplier < 1;

    /// <summary>The governance multiplier in force: the smaller of the verdict's and the reach limit's (1 = none).</summary>
    public double Multiplier => Math.Min(GateLimited ? GateMultiplier : 1, ReachMultiplier);

    /// <summary>A limit verdict (gate or moderator) applies, with <see cref="GateMultiplier"/> until <see cref="LimitUntil"/>.</summary>
    public bool GateLimited { get => Flag(GateLimitedFlag); internal set => SetFlag(GateLimitedFlag, value); }
    public double GateMultiplier { get => _rare?.GateMultiplier ?? 1; internal set => Rare(value != 1)?.GateMultiplier = value; }
    public DateTimeOffset? LimitUntil { get => UtcOrNull(_rare?.LimitUntil ?? 0); internal set => Rare(value is not null)?.LimitUntil = TicksOrZero(value); }

    /// <summary>Reach limit from outside the note (<see cref="IReachLimits"/>, e.g. a brand's traffic limit); 1 = none.</summary>
    public double ReachMultiplier { get => _rare?.ReachMultiplier ?? 1; internal set => Rare(value != 1)?.ReachMultiplier = value; }
    public DateTimeOffset? ReachUntil { get => UtcOrNull(_rare?.ReachUntil ?? 0); internal set => Rare(value is not null)?.ReachUntil = TicksOrZero(value); }
    public string ReachReason { get => _rare?.ReachReason ?? ""; internal set => Rare(value.Length > 0)?.ReachReason = value; }

    /// <summary>The current pool's budget before the reach limit scaled it (0 when not scaled).</summary>
    public long BudgetBeforeReach { get => _rare?.BudgetBeforeReach ?? 0; internal set => Rare(value != 0)?.BudgetBeforeReach = value; }

    /// <summary>The author's authority effect captured when the note entered cold start (see <see cref="AuthorityEffect"/>).</summary>
    public double AuthorityBudget { get => Live.AuthorityBudget; internal set => Live.AuthorityBudget = value; }
    public double AuthorityThreshold { get => Live.AuthorityThreshold; internal set => Live.AuthorityThreshold = value; }
    public string AuthorityNiche { get => Live.AuthorityNiche; internal set => Live.AuthorityNiche = value; }
    public string AuthorityReason
    {
        get => CompactText.Decode(_tagTable.Texts[Live.AuthorityReason]);
        internal set => Live.AuthorityReason = _tagTable.Texts.IdOf(CompactText.Encode(value));
    }

    /// <summary>
    /// Where distribution stood when a review hold or a rejection stopped it (null when nothing is held): a later
    /// allow resumes here (same stage, level, counters, remaining budget and window) instead of a new cold start.
    /// </summary>
    public DistributionStage? HeldStage
    {
        get => _rare?.HeldStage;
        internal set => Rare(value is not null)?.HeldStage = value;
    }

    public int HeldLevel { get => _rare?.HeldLevel ?? 0; internal set => Rare(value != 0)?.HeldLevel = value; }
    public long HeldBudget { get => _rare?.HeldBudget ?? 0; internal set => Rare(value != 0)?.HeldBudget = value; }
    public TimeSpan HeldWindowLeft { get => _rare?.HeldWindowLeft ?? default; internal set => Rare(value != default)?.HeldWindowLeft = value; }
    public int HeldExtensions { get => _rare?.HeldExtensions ?? 0; internal set => Rare(value != 0)?.HeldExtensions = value; }
    public bool HeldResidual { get => _rare?.HeldResidual ?? false; internal set => Rare(value)?.HeldResidual = value; }
    public DateTimeOffset HeldStageStartedAt { get => _rare?.HeldStageStartedAt ?? default; internal set => Rare(value != default)?.HeldStageStartedAt = value; }

    public DateTimeOffset StageStartedAt { get => Utc(_stageStartedAt); internal set => _stageStartedAt = value.UtcTicks; }
    public DateTimeOffset WindowEndsAt { get => Utc(Live.WindowEndsAt); internal set => Live.WindowEndsAt = value.UtcTicks; }

    /// <summary>Impression budget (pools) or target (guarantee) of the current stage.</summary>
    public long Budget { get => Live.Budget; internal set => Live.Budget = value; }
    public int Extensions { get => _extensions; internal set => _extensions = checked((short)value); }
    public ref StageCounters Current => ref Live.Current;

    /// <summary>All counted impressions and actions over the note's life.</summary>
    public ref StageCounters Total => ref Live.Total;

    /// <summary>Impressions and excluded events (flagged accounts, engagement without an impression).</summary>
    public long Excluded { get => Live.Excluded; internal set => Live.Excluded = checked((int)value); }

    /// <summary>Counted impressions by surface.</summary>
    public ref Inline4<int> ImpressionsBySurface => ref Live.ImpressionsBySurface;
    public ref Inline4<double> WeightedBySurface => ref Live.WeightedBySurface;

    /// <summary>Counted impressions by the pool stage (as reported) at the first impression.</summary>
    public ref Inline7<int> ImpressionsByStage => ref Live.ImpressionsByStage;
    public ref Inline7<double> WeightedByStage => ref Live.WeightedByStage;
    public long FollowerViewers { get => Live.FollowerViewers; internal set => Live.FollowerViewers = checked((int)value); }
    public long ReturningViewers { get => Live.ReturningViewers; internal set => Live.ReturningViewers = checked((int)value); }

    /// <summary>Declared interests of counted viewers, with counts (at most the module's cap of distinct interests).</summary>
    public IReadOnlyDictionary<string, long> AudienceInterests
    {
        get
        {
            var body = Peek();
            var result = new Dictionary<string, long>(body.AudienceCount, StringComparer.Ordinal);
            for (var i = 0; i < body.AudienceCount; i++)
            {
                result[_tagTable[(int)(body.Audience![i] >> 32)]] = (int)body.Audience[i];
            }

            return result;
        }
    }

    /// <summary>Counted viewers by user index.</summary>
    public ref ViewerSet Viewers => ref Live.Viewers;

    /// <summary>Counts per hour since the epoch: [impressions, actions by <see cref="ActionKind"/>...].</summary>
    public HourlyCounts Hourly => BodyOrBytes is Body live ? live.Hourly : PeekHourly();

    /// <summary>Every recorded transition, oldest first (rebuilt from the compact log on each read).</summary>
    public IReadOnlyList<PoolTransition> Transitions => Peek().Transitions.ToList(_tagTable.Texts);

    /// <summary>Number of recorded transitions.</summary>
    public int TransitionCount => BodyOrBytes is Body live ? live.Transitions.Count : PeekTransitionCount();

    /// <summary>Level-1 prefixes of the note's tags ("beauty" for "beauty/skincare"): adjacent-interest matching.</summary>
    internal string[] TagPrefixes { get; set; } = [];

    /// <summary>The note's normalized tags as the core holds them (audience index keys; derived, not persisted).</summary>
    internal string[] Tags { get; set; } = [];

    /// <summary>True while the note takes part in a pool (cold start or expansion).</summary>
    public bool InPool => PoolStage is DistributionStage.ColdStart or DistributionStage.Expansion;

    internal void AddHourly(DateTimeOffset at, int kind, long delta) => Live.Hourly.Add(at.UtcTicks / TimeSpan.TicksPerHour, kind, delta);

    internal void AddTransition(PoolTransition t) => Live.Transitions.Add(t, _tagTable.Texts);

    /// <summary>Adds one to the tally of interned tag <paramref name="tagId"/>, adding it only while fewer than <paramref name="max"/> are tallied.</summary>
    internal void CountInterest(TagTable table, int tagId, int max) => Live.CountInterest(tagId, max);

    /// <summary>Restores an interest tally (snapshot load).</summary>
    internal void SetInterest(TagTable table, int tagId, long count) => Live.SetInterest(tagId, count);

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateTimeOffset? UtcOrNull(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static long TicksOrZero(DateTimeOffset? value) => value?.UtcTicks ?? 0;

    /// <summary>The rare part, created when <paramref name="needed"/> (a non-default value is set); null while absent and not needed.</summary>
    private RarePart? Rare(bool needed) => _rare ?? (needed ? _rare = new RarePart() : null);

    private const byte ResidualFlag = 1;
    private const byte EvergreenFlag = 2;
    private const byte FreshFlag = 4;
    private const byte GateLimitedFlag = 8;
    private const byte ListedFlag = 16;
    private const byte EditingFlag = 32; // the writer is editing the packed note (NoteDistribution.Body.cs)

    private bool Flag(byte flag) => (_flags & flag) != 0;

    private void SetFlag(byte flag, bool value) => _flags = value ? (byte)(_flags | flag) : (byte)(_flags & ~flag);

    // Laid out for memory (the object is 16 bytes of header plus these): the window's end and the budget sit in the
    // counted part (only notes in a pool use them, and a packed note carries them in its bytes), the experiment arm in
    // the rare part, level and extensions as shorts, the flags in one byte.
    private readonly long _publishedAt;
    private long _stageStartedAt;
    private short _level;
    private short _extensions;
    private byte _flags = FreshFlag;
    private RarePart? _rare;
    private readonly TagTable _tagTable; // the module's tags and texts

    // The counted part (counters, tallies, viewers, hourly counts, interests, transitions): a Body while the note can
    // still change, or its packed bytes (byte[]) once it has left the pools and gone quiet. See NoteDistribution.Body.cs.
    private object _body = new Body();

    /// <summary>
    /// What only a few notes ever need — a season, a governance or reach limit, a held position — kept in one object
    /// allocated on the first non-default value, so the other notes carry a single null reference for all of it.
    /// </summary>
    private sealed class RarePart
    {
        public string Arm = "";
        public string? Season;
        public double GateMultiplier = 1;
        public long LimitUntil;
        public double ReachMultiplier = 1;
        public long ReachUntil;
        public string ReachReason = "";
        public long BudgetBeforeReach;
        public DistributionStage? HeldStage;
        public int HeldLevel;
        public long HeldBudget;
        public TimeSpan HeldWindowLeft;
        public int HeldExtensions;
        public bool HeldResidual;
        public DateTimeOffset HeldStageStartedAt;
    }
}
