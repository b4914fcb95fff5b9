namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Viewers who declared an interest.</summary>
public sealed record InterestCount(string Interest, long Viewers);
