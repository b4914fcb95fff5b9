namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Options of the traffic pools (configuration section <c>Zhongcao:Distribution</c>). Every default cites
/// its source: S = seeds (seed 000 §2, §6, §7), E = engineering sources (docs/MECHANISMS.md), or "choice" for an
/// engineering decision of ours where neither says.
/// </summary>
public sealed class DistributionOptions
{
    /// <summary>Deployment policy: <c>Pools</c> (S) or <c>Guarantee</c> (E). Arms, when given, override it per author.</summary>
    public DistributionPolicy Policy { get; set; } = DistributionPolicy.Pools;

    /// <summary>Experiment arms; an author falls into one by a stable hash of the author's user id (see <see cref="ExperimentArms"/>). Empty: everyone gets <see cref="Policy"/>.</summary>
    public IList<DistributionArm> Arms { get; } = [];

    /// <summary>How often the server appends a DistributionTick (time-triggered transitions): 60 s (brief; windows are hours, so a minute's lag is negligible). Zero disables the ticker.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Weights: <c>hierarchy</c> (S, §5 ordering), <c>ces</c> (folklore variant) or <c>custom</c> (<see cref="CustomWeights"/>).</summary>
    public string Weights { get; set; } = "hierarchy";

    /// <summary>Used when <see cref="Weights"/> is <c>custom</c>.</summary>
    public EngagementWeights CustomWeights { get; set; } = EngagementWeights.Hierarchy();

    /// <summary>Cold-start budget for a neutral note (quality 50, authority 1): 200, the middle of S's 100-300.</summary>
    public int ColdStartBudget { get; set; } = 200;

    /// <summary>Smallest cold-start budget: 100 (S: "100-300 users").</summary>
    public int ColdStartMinBudget { get; set; } = 100;

    /// <summary>Largest cold-start budget: 300 (S).</summary>
    public int ColdStartMaxBudget { get; set; } = 300;

    /// <summary>Cold-start evaluation window: 3 h (S: "typically lasts 1-3 hours", "within the first 3 hours").</summary>
    public TimeSpan ColdStartWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Budgets of expansion levels 1..N: 3k, 30k, 300k, then open (S: "increments of approximately 10x").</summary>
    public IList<long> ExpansionBudgets { get; } = [3_000, 30_000, 300_000];

    /// <summary>Windows of expansion levels 1..N: 12 h, 24 h, 48 h (choice: a 10x pool needs longer to fill from real requests).</summary>
    public IList<TimeSpan> ExpansionWindows { get; } = [TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(48)];

    /// <summary>Thresholds on the lower bound for cold start and levels 1..N: 5%, 6%, 7%, 8% (S: "5-8% engagement rate").</summary>
    public IList<double> Thresholds { get; } = [0.05, 0.06, 0.07, 0.08];

    /// <summary>A lower bound at or above this skips one level: 15% (S: "15% ... might skip intermediate expansions").</summary>
    public double SkipThreshold { get; set; } = 0.15;

    /// <summary>z of the Wilson lower bound: 1.28 (E: Reddit's ranking uses z≈1.28).</summary>
    public double WilsonZ { get; set; } = 1.28;

    /// <summary>Below this many counted impressions at window end the window is extended, not judged: 30 (choice: busy periods slow graduation rather than kill it).</summary>
    public int MinJudgeImpressions { get; set; } = 30;

    /// <summary>How many times a starved window may be extended: 2 (choice); after that the note is judged on what it has.</summary>
    public int MaxWindowExtensions { get; set; } = 2;

    /// <summary>Negative actions per impression above which a note halts regardless of its rate: 10% (choice; S names negative signals, no number).</summary>
    public double MaxNegativeRate { get; set; } = 0.10;

    /// <summary>At expansion levels, action diversity below this raises the threshold by <see cref="WeakSignalPenalty"/>: 0.25 (choice; S §6 names diversity).</summary>
    public double MinDiversity { get; set; } = 0.25;

    /// <summary>At expansion levels, carousel/video completion below this raises the threshold: 20% (choice; S §6 names completion).</summary>
    public double MinCompletion { get; set; } = 0.20;

    /// <summary>Threshold multiplier for each weak secondary signal at expansion levels: 1.25 (choice).</summary>
    public double WeakSignalPenalty { get; set; } = 1.25;

    /// <summary>Dwell of at least this long counts as a (low-weight) action and as an interest signal: 5 s (choice).</summary>
    public int LongDwellMs { get; set; } = 5_000;

    /// <summary>Comments longer than this count as substantive: 10 characters (S: "comments (&gt;10 chars)").</summary>
    public int SubstantiveCommentChars { get; set; } = 10;

    /// <summary>Guarantee base: 100 impressions (E: "every new note guaranteed ~100 impressions in 24 h").</summary>
    public int GuaranteeBase { get; set; } = 100;

    /// <summary>Guarantee bonus for quality 100: +200 (E: "+up to 200 for content quality").</summary>
    public int GuaranteeQualityBonus { get; set; } = 200;

    /// <summary>Guarantee bonus for authority 2 (twice neutral): +200 (E: "+up to 200 for author's past quality").</summary>
    public int GuaranteeAuthorBonus { get; set; } = 200;

    /// <summary>Guarantee period: 24 h (E).</summary>
    public TimeSpan GuaranteeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest guarantee boost: 3 (choice; E warns that over-boosting shows notes to the wrong users).</summary>
    public double GuaranteeMaxBoost { get; set; } = 3;

    /// <summary>Share of a feed page reserved for pool candidates: 30% (brief: "up to 30%"; E: new notes' natural share would be 1/30, platforms push far higher).</summary>
    public double ReservedShare { get; set; } = 0.30;

    /// <summary>Index entries examined per feed request over all audience buckets: 4,000 (choice: a hard bound on the per-request cost).</summary>
    public int MaxScan { get; set; } = 4_000;

    /// <summary>
    /// Entries examined per audience bucket (a tag's or a prefix's pool notes, furthest behind schedule first; an
    /// eighth as deep per author; half as many open and a quarter as many residual long-tail notes per tag, newest
    /// first): 64 (choice:
    /// deep enough that a heavy reader who has seen the most urgent notes still finds unseen ones).
    /// </summary>
    public int BucketScan { get; set; } = 64;

    /// <summary>Served-but-not-impressed allocations expire after this: 10 min (choice).</summary>
    public TimeSpan PendingTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Freshness boost period: 72 h (S §7: "approximately 72 hours").</summary>
    public TimeSpan FreshnessPeriod { get; set; } = TimeSpan.FromHours(72);

    /// <summary>The boost fades to this fraction of itself and stays there: 0.15 (S: "doesn't disappear entirely"; value a choice).</summary>
    public double FreshnessFloor { get; set; } = 0.15;

    /// <summary>Consecutive weeks with stable engagement for evergreen status: 3 (S: "weeks or months"; value a choice).</summary>
    public int EvergreenWeeks { get; set; } = 3;

    /// <summary>Impressions a week needs to count towards evergreen: 20 (choice).</summary>
    public int EvergreenMinWeeklyImpressions { get; set; } = 20;

    /// <summary>Largest (max-min)/mean of weekly rates still called stable: 0.5 (choice).</summary>
    public double EvergreenMaxSpread { get; set; } = 0.5;

    /// <summary>A sustained note with fewer counted impressions than this over 7 days is saturated: 5 (choice).</summary>
    public int SaturationWeeklyImpressions { get; set; } = 5;

    /// <summary>Minimum time in sustained before saturation is considered: 7 days (choice).</summary>
    public TimeSpan SaturationMinAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Priority of sustained notes relative to a pool on schedule: 0.3; halted (residual) notes 0.05 (choice).</summary>
    public double SustainedPriority { get; set; } = 0.3;

    /// <summary>See <see cref="SustainedPriority"/>.</summary>
    public double ResidualPriority { get; set; } = 0.05;

    /// <summary>A user inactive this long is dormant; when they return they get long-tail notes first: 7 days (S: "dormant users return").</summary>
    public TimeSpan DormantAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a returning user is treated as returning: 24 h (choice).</summary>
    public TimeSpan ReturningFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Creative fatigue floor: 0.25 (E: X's author diversity (1-0.25)·0.5^k + 0.25).</summary>
    public double FatigueFloor { get; set; } = 0.25;

    /// <summary>Creative fatigue decay per earlier exposure: 0.5 (E: X).</summary>
    public double FatigueDecay { get; set; } = 0.5;

    /// <summary>Exposures older than this no longer tire: 7 days (choice; E: X's "see fewer" lasts 14 days then recovers).</summary>
    public TimeSpan FatigueWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Live notes are pushed to followers and interested users for this long after publishing: 4 h (choice; S: "while live").</summary>
    public TimeSpan LiveWindow { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Priority multiplier of a live note: 3 (choice; S: "aggressive push").</summary>
    public double LiveBoost { get; set; } = 3;

    /// <summary>Seasons open this many days before their start: 14 (S: "as relevant seasons approach"; value a choice).</summary>
    public int SeasonLeadDays { get; set; } = 14;

    /// <summary>The season calendar (month-day ranges, yearly). Defaults: see <see cref="SeasonCalendar.Default"/>.</summary>
    public IList<Season> Seasons { get; } = SeasonCalendar.Default();

    /// <summary>The weights in force.</summary>
    public EngagementWeights ResolveWeights() => Weights == "custom" ? CustomWeights : EngagementWeights.Preset(Weights);

    /// <summary>Threshold for a level (0 = cold start); the last one applies beyond the list.</summary>
    public double ThresholdFor(int level) => Thresholds[Math.Min(level, Thresholds.Count - 1)];

    /// <summary>Checks the options; throws on nonsense.</summary>
    public void Validate()
    {
        if (ColdStartMinBudget < 1 || ColdStartMaxBudget < ColdStartMinBudget || ExpansionBudgets.Count == 0
            || ExpansionWindows.Count != ExpansionBudgets.Count || Thresholds.Count == 0)
        {
            throw new ArgumentException("Distribution: budgets, windows and thresholds are inconsistent.");
        }

        if (ReservedShare is < 0 or > 1 || FreshnessFloor is <= 0 or > 1 || FatigueFloor is < 0 or > 1 || WilsonZ <= 0)
        {
            throw new ArgumentException("Distribution: a share, floor or z is out of range.");
        }

        _ = ResolveWeights();
    }
}
