namespace Zhongcao.Engine.Distribution;

/// <summary>
/// One recorded step of a note's distribution: when, from which stage/level to which, what was measured
/// (impressions, weighted engagement rate with its Wilson interval, velocity, diversity, completion,
/// negative rate), against which threshold, and why. Enough to explain the decision and to replay it.
/// </summary>
public sealed record PoolTransition
{
    public required DateTimeOffset At { get; init; }
    public required DistributionStage FromStage { get; init; }
    public required int FromLevel { get; init; }
    public required DistributionStage ToStage { get; init; }
    public required int ToLevel { get; init; }
    public required TransitionOutcome Outcome { get; init; }

    /// <summary>Counted impressions in the stage being judged (0 for transitions that are not judgements).</summary>
    public long Impressions { get; init; }

    /// <summary>Weighted meaningful actions divided by impressions.</summary>
    public double Rate { get; init; }
    public double RateLower { get; init; }
    public double RateUpper { get; init; }

    /// <summary>The threshold the lower bound was compared with (0 when no judgement).</summary>
    public double Threshold { get; init; }

    /// <summary>Weighted actions per hour since the stage's first impression.</summary>
    public double Velocity { get; init; }

    /// <summary>Evenness of positive actions across like/save/comment/share (0 = one kind only, 1 = even).</summary>
    public double Diversity { get; init; }

    /// <summary>Carousel or video completion rate among viewers who reported progress (-1 when not measured).</summary>
    public double Completion { get; init; } = -1;

    /// <summary>Negative actions (scroll-away, not-interested, report) per impression.</summary>
    public double NegativeRate { get; init; }

    /// <summary>The budget (impression target) of the stage entered (0 when none).</summary>
    public long Budget { get; init; }

    /// <summary>The threshold before the author's authority adjusted it (0 when no judgement).</summary>
    public double BaseThreshold { get; init; }

    /// <summary>Multiplier the author's authority applied to <see cref="BaseThreshold"/> (1 = neutral).</summary>
    public double AuthorityAdjustment { get; init; } = 1;

    /// <summary>Why the author's authority adjusted budget or threshold ("" when it did not enter this step).</summary>
    public string AuthorityReason { get; init; } = "";

    /// <summary>A sentence a creator can read.</summary>
    public required string Reason { get; init; }
}
