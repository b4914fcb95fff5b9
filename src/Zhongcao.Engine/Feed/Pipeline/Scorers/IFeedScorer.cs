namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>A scorer: sets <see cref="FeedCandidate.Score"/> and its parts; never drops or reorders.</summary>
public interface IFeedScorer
{
    /// <summary>Stable name.</summary>
    string Name { get; }

    /// <summary>Scores every candidate in place.</summary>
    void Score(FeedContext context, List<FeedCandidate> candidates);
}
