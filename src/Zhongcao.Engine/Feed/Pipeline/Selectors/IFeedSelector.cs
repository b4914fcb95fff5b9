namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>A selector: orders and caps the candidates in place; it never changes scores' base values.</summary>
public interface IFeedSelector
{
    /// <summary>Stable name (also the rule name recorded on moved candidates).</summary>
    string Name { get; }

    /// <summary>Orders (and may cap) <paramref name="candidates"/>.</summary>
    void Select(FeedContext context, List<FeedCandidate> candidates);
}
