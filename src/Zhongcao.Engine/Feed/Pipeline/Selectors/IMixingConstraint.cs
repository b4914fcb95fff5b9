namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>A hard placement rule: may <paramref name="candidate"/> go next after <paramref name="placed"/>?</summary>
public interface IMixingConstraint
{
    /// <summary>Rule name.</summary>
    string Name { get; }

    /// <summary>True when the candidate may take the next slot.</summary>
    bool Allows(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate);
}
