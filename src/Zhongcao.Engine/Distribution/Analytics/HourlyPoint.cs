namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Counted impressions and actions in one hour (UTC, start of the hour).</summary>
public sealed record HourlyPoint(DateTimeOffset Hour, long Impressions, IReadOnlyDictionary<string, long> Actions);
