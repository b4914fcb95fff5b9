namespace Zhongcao.Engine.Distribution.Analytics;

/// <summary>An author's notes in aggregate.</summary>
public sealed record UserAnalytics(
    string UserId,
    int Notes,
    IReadOnlyDictionary<string, int> NotesByStage,
    long Impressions,
    double WeightedActions,
    double Rate,
    IReadOnlyDictionary<string, long> Actions,
    IReadOnlyList<NoteSummary> Recent);
