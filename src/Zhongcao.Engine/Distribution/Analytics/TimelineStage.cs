namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>One stage of the pool timeline: when it started and ended, what it measured, and how and why it ended.</summary>
public sealed record TimelineStage(
    DistributionStage Stage,
    int Level,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long Budget,
    long Impressions,
    double Rate,
    double RateLower,
    double RateUpper,
    double Threshold,
    string Outcome,
    string Reason);
