namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>Impressions and weighted engagement attributed to one source (the viewer's first impression's surface or pool stage).</summary>
public sealed record SourceBreakdown(string Source, long Impressions, double WeightedActions, double Rate);
