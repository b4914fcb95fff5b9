namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>Orders by mixed score, new before served-earlier, newest first on ties (a stable, total order).</summary>
public sealed class ScoreOrder : IFeedSelector
{
    /// <summary>The shared comparison.</summary>
    public static readonly Comparison<FeedCandidate> Compare = (a, b) =>
        a.ServedEarlier != b.ServedEarlier ? (a.ServedEarlier ? 1 : -1)
        : b.MixedScore != a.MixedScore ? b.MixedScore.CompareTo(a.MixedScore)
        : b.NoteIndex.CompareTo(a.NoteIndex);

    /// <inheritdoc />
    public string Name => "select:score";

    /// <inheritdoc />
    public void Select(FeedContext context, List<FeedCandidate> candidates) => candidates.Sort(Compare);
}
