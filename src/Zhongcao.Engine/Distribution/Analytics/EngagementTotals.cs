namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Life-time counted impressions and actions (unique viewers; each action once per viewer).</summary>
public sealed record EngagementTotals(
    long Impressions,
    double WeightedActions,
    double Rate,
    IReadOnlyDictionary<string, long> Actions,
    long Excluded);
