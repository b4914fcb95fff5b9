namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>The running stage: budget, delivery, rate with its Wilson interval and the threshold it will be judged against.</summary>
public sealed record CurrentPool(
    DateTimeOffset StartedAt,
    DateTimeOffset? WindowEndsAt,
    long Budget,
    long Impressions,
    double Rate,
    double RateLower,
    double RateUpper,
    double Threshold);
