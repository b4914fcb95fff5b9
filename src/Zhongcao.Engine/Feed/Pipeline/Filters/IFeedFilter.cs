namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>A filter: splits candidates into kept and removed-with-reason; never reorders the kept ones.</summary>
public interface IFeedFilter
{
    /// <summary>Stable name.</summary>
    string Name { get; }

    /// <summary>Filters <paramref name="candidates"/>.</summary>
    FilterResult Apply(FeedContext context, List<FeedCandidate> candidates);
}
