namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>Removes seen, own, deleted, gated, governed, limited-out, suppressed, not-interested and hidden-author notes.</summary>
public sealed class EligibilityFilter : IFeedFilter
{
    /// <inheritdoc />
    public string Name => "filter:eligibility";

    /// <inheritdoc />
    public FilterResult Apply(FeedContext context, List<FeedCandidate> candidates)
    {
        var kept = new List<FeedCandidate>(candidates.Count);
        var removed = new List<(FeedCandidate, string)>();
        foreach (var c in candidates)
        {
            if (Eligibility.For(context.User, c.Note, context.Now, context.Distribution, context.Suppression) is { } reason)
            {
                removed.Add((c, reason));
            }
            else
            {
                kept.Add(c);
            }
        }

        return new FilterResult(kept, removed);
    }
}
