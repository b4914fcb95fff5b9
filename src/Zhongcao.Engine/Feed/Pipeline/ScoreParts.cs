namespace Zhongcao.Engine.Feed.Pipeline;

/// <summary>The factors of a candidate's score; the score is their product.</summary>
public struct ScoreParts
{
    /// <summary>Smoothed engagement rate relative to the prior (1 = average, no evidence).</summary>
    public double Engagement;

    /// <summary>Freshness (1 new, fading to a floor).</summary>
    public double Freshness;

    /// <summary>Quality factor from the gate's 0-100 score (0.5 + q/100).</summary>
    public double Quality;

    /// <summary>Governance multiplier (limited notes below 1).</summary>
    public double Governance;

    /// <summary>Pool / guarantee boost (1 outside pools).</summary>
    public double Boost;

    /// <summary>Match with the user: +0.1 per personal source (following, interest).</summary>
    public double Affinity;

    /// <summary>Purchase-journey fit: product notes up for users researching or buying in their category, down for others (1 otherwise).</summary>
    public double Journey;

    /// <summary>Temporal pattern: how much more the user opens this category at this hour and weekday (1 = no pattern).</summary>
    public double Temporal;

    /// <summary>Recovery from remembered negative feedback on the author (1 = none; filtered at 0).</summary>
    public double Recovery;

    /// <summary>The score: the product of every factor.</summary>
    public readonly double Product => Engagement * Freshness * Quality * Governance * Boost * Affinity * Journey * Temporal * Recovery;
}
