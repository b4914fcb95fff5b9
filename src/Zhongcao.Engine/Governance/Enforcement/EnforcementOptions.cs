namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// Every constant of accounts and enforcement, with its source. Ladders and brand points follow seed 001
/// and the secondary sources collected in MECHANISMS.md; detector thresholds are engineering choices tuned
/// on the labelled synthetic population in the tests (docs/enforcement.md reports precision and recall).
/// </summary>
public sealed class EnforcementOptions
{
    /// <summary>Behaviour ladder (seed 001): warning → temporary posting ban (7 days, engineering choice) → permanent posting ban → suspension.</summary>
    public IReadOnlyList<PenaltyStep> BehaviourLadder { get; init; } =
    [
        new(PenaltyKind.Warning, null),
        new(PenaltyKind.PostingBan, TimeSpan.FromDays(7)),
        new(PenaltyKind.PostingBan, null),
        new(PenaltyKind.Suspension, null),
    ];

    /// <summary>Content ladder (seed 001): warning → 14-day visibility limit → permanent posting ban → platform ban.</summary>
    public IReadOnlyList<PenaltyStep> ContentLadder { get; init; } =
    [
        new(PenaltyKind.Warning, null),
        new(PenaltyKind.VisibilityLimit, TimeSpan.FromDays(14)),
        new(PenaltyKind.PostingBan, null),
        new(PenaltyKind.PlatformBan, null),
    ];

    /// <summary>Channel ladder (seed 001): warning → 14-day limit → posting ban → suspension.</summary>
    public IReadOnlyList<PenaltyStep> ChannelLadder { get; init; } =
    [
        new(PenaltyKind.Warning, null),
        new(PenaltyKind.VisibilityLimit, TimeSpan.FromDays(14)),
        new(PenaltyKind.PostingBan, null),
        new(PenaltyKind.Suspension, null),
    ];

    /// <summary>Distribution multiplier of a visibility limit (engineering choice: a tenth of normal reach).</summary>
    public double VisibilityLimitMultiplier { get; init; } = 0.1;

    /// <summary>Points a brand starts with (seed 004).</summary>
    public int BrandStartPoints { get; init; } = 10;

    /// <summary>Points lost per unauthorised commercial promotion (seed 004).</summary>
    public int BrandPointsPerViolation { get; init; } = 2;

    /// <summary>Brand points are scored once per period (secondary sources in seed 004: weekly).</summary>
    public TimeSpan BrandScoringPeriod { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Lost points come back after this long without a violation (seed 004: 28 days).</summary>
    public TimeSpan BrandRecoveryAfter { get; init; } = TimeSpan.FromDays(28);

    /// <summary>
    /// Brand thresholds (seed 004): 2 lost → notice, 4 → 7-day traffic limit, 6 → 7-day non-brand search limit,
    /// 8 → 28-day traffic limit, 10 → 28-day ban. A traffic limit's multiplier (engineering choice: half the
    /// traffic at 4 points, a fifth at 8) scales the pool budgets of the brand's notes, the share of users the
    /// pools serve them to, and their governance factor in feed scoring.
    /// </summary>
    public IReadOnlyList<BrandStep> BrandSteps { get; init; } =
    [
        new(2, PenaltyKind.BrandNotice, null),
        new(4, PenaltyKind.BrandTrafficLimit, TimeSpan.FromDays(7), 0.5),
        new(6, PenaltyKind.BrandSearchLimit, TimeSpan.FromDays(7)),
        new(8, PenaltyKind.BrandTrafficLimit, TimeSpan.FromDays(28), 0.2),
        new(10, PenaltyKind.BrandBan, TimeSpan.FromDays(28)),
    ];

    /// <summary>
    /// Search score multiplier of a brand's notes under a non-brand search limit, in searches that do not name the
    /// brand (by id or display name). 0 (default, engineering choice) removes them from those searches; a value in
    /// (0, 1) only demotes them. Searches naming the brand are not affected.
    /// </summary>
    public double BrandSearchLimitMultiplier { get; init; }

    /// <summary>
    /// Authority's effect on pool thresholds: the threshold multiplier is 1 − span·2·(score − 0.5), within
    /// [1 − span, 1 + span] (engineering choice 0.2: a top author's bar is at most a fifth lower, a weak one's a
    /// fifth higher); a posting penalty divides it, an account under a visibility limit gets 1 + span.
    /// </summary>
    public double AuthorityThresholdSpan { get; init; } = 0.2;

    /// <summary>
    /// Impressions an author needs in a niche (unflagged viewers) before niche authority counts for that niche's
    /// notes (engineering choice): below it, the overall score alone decides; from it, the mean of the overall and
    /// the niche score.
    /// </summary>
    public long NicheMinImpressions { get; init; } = 300;

    /// <summary>
    /// Abnormal exposure (idle burst): this many new or low-activity accounts that never acted anywhere get their
    /// first impression of one note within <see cref="ExposureWindow"/> (engineering choice) ...
    /// </summary>
    public int ExposureBurstMin { get; init; } = 100;

    /// <summary>
    /// ... and they exceed this multiple of what the note's pool would deliver within the window on schedule (budget ×
    /// exposure window / stage window: about 11 for a 200-impression cold start over 3 h; 0 outside a pool).
    /// </summary>
    public double ExposureBudgetFactor { get; init; } = 3;

    /// <summary>Abnormal exposure (concentration): one account reporting this many impressions of one note within <see cref="ExposureWindow"/>.</summary>
    public int ExposureRepeatMin { get; init; } = 20;

    public TimeSpan ExposureWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The notice search shows for a banned brand (seed 004).</summary>
    public string BrandBanNotice { get; init; } = "Suspected of false marketing; related content is not displayed.";

    /// <summary>
    /// Channels that count as the official commercial channel (seed 001: cooperation through the platform, e.g.
    /// 蒲公英 Pugongying). "platform" is what clients send for any cooperation booked through the platform itself.
    /// </summary>
    public IReadOnlyList<string> OfficialChannels { get; init; } = ["official", "platform", "pugongying"];

    /// <summary>Appeals stay open at least this long (DSA Art. 20: at least six months).</summary>
    public TimeSpan AppealWindow { get; init; } = TimeSpan.FromDays(183);

    /// <summary>An account younger than this is "new" for the detectors (engineering choice).</summary>
    public TimeSpan NewAccountAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>An account with fewer events than this is "low-activity" for the detectors (engineering choice).</summary>
    public int LowActivityEvents { get; init; } = 5;

    /// <summary>Bought followers: at least this many follows from new or inactive accounts within <see cref="FollowBurstWindow"/>.</summary>
    public int FollowBurstMin { get; init; } = 50;

    public TimeSpan FollowBurstWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Follow-for-follow: an account with this many follows returned within <see cref="FollowBackWindow"/> is in a ring.</summary>
    public int FollowBackMin { get; init; } = 15;

    public TimeSpan FollowBackWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Coordinated engagement: this many new or inactive accounts acting on one note within <see cref="CohortWindow"/>.</summary>
    public int CohortMin { get; init; } = 20;

    public TimeSpan CohortWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Coordinated engagement: actors must be at least this share of the suspicious viewers in the window (E).</summary>
    public double CohortActionShare { get; init; } = 0.5;

    /// <summary>Shortest normalised comment (letters and digits) that counts as evidence: "so cute" is what people say, not a script.</summary>
    public int IdenticalCommentMinLength { get; init; } = 10;

    /// <summary>Identical comments (normalised, at least <see cref="IdenticalCommentMinLength"/> characters) by this many accounts within <see cref="CommentWindow"/>.</summary>
    public int IdenticalCommentMin { get; init; } = 5;

    public TimeSpan CommentWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An account acting on this many notes it never had an impression of is flagged (engagement without impressions).</summary>
    public int BlindActionsMin { get; init; } = 5;

    /// <summary>Fake UGC: this many new or low-activity authors posting similar notes about one brand within <see cref="UgcWindow"/>.</summary>
    public int UgcAuthorsMin { get; init; } = 5;

    public TimeSpan UgcWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often (in log time, checked at every applied entry) detector state that has expired is dropped: windows whose
    /// entries are all older than their detector's window, ended exposure bursts, follows older than
    /// <see cref="FollowBackWindow"/>, brand notes older than <see cref="UgcWindow"/>. Default 1 minute; the windows of a
    /// day or more (comments, follows, brand notes) are swept every 60 intervals (hourly by default). The
    /// detectors trim the same entries on their next use, so this changes memory, not decisions (the log's
    /// time only moves forward).
    /// </summary>
    public TimeSpan WindowSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Character-bigram Jaccard similarity above which two brand notes count as "similar praise".</summary>
    public double UgcSimilarity { get; init; } = 0.5;

    /// <summary>Authority: platform engagement rate a new author is assumed to have (prior mean, MECHANISMS: 5-8% graduates).</summary>
    public double PriorEngagementRate { get; init; } = 0.05;

    /// <summary>Authority: impressions of prior (smoothing strength; a new account starts neutral).</summary>
    public double PriorImpressions { get; init; } = 200;

    /// <summary>Authority: prior negative-feedback rate (engineering choice).</summary>
    public double PriorNegativeRate { get; init; } = 0.01;

    /// <summary>Posting penalty: more than this many notes in 7 days with engagement below half the prior is penalised (seed 000).</summary>
    public int FrequentPostsPerWeek { get; init; } = 14;
}
