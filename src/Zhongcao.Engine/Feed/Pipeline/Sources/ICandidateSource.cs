namespace Zhongcao.Engine.Feed.Pipeline.Sources;

/// <summary>A named producer of candidates with a quota (how many it may add per page).</summary>
public interface ICandidateSource
{
    /// <summary>Stable name (metrics, explanations).</summary>
    string Name { get; }

    /// <summary>Adds up to this source's quota of candidates to <paramref name="set"/>.</summary>
    void Collect(FeedContext context, CandidateSet set);
}
