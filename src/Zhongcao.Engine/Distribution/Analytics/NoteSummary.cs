namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>One note in an author's analytics.</summary>
public sealed record NoteSummary(string NoteId, DistributionStage Stage, int Level, long Impressions, double Rate, DateTimeOffset PublishedAt);
