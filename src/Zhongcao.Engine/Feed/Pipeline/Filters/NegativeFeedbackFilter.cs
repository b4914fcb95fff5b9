namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>
/// Removes notes by authors the reader recently gave negative feedback on ("not interested", hide, report) while
/// the remembered feedback still filters (<see cref="Personalization.PersonalizationOptions.FilterFor"/>); afterwards the
/// scorer's recovery factor lets them back gradually.
/// </summary>
public sealed class NegativeFeedbackFilter : IFeedFilter
{
    /// <inheritdoc />
    public string Name => "filter:negativeFeedback";

    /// <inheritdoc />
    public FilterResult Apply(FeedContext context, List<FeedCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        if (context.Personalization is not { } module || context.Taste is not { } taste)
        {
            return new FilterResult(candidates, []);
        }

        var kept = new List<FeedCandidate>(candidates.Count);
        var removed = new List<(FeedCandidate, string)>();
        foreach (var c in candidates)
        {
            if (module.Recovery(taste, c.Note.AuthorIndex, context.Now) <= 0)
            {
                removed.Add((c, "negativeFeedback"));
            }
            else
            {
                kept.Add(c);
            }
        }

        return new FilterResult(kept, removed);
    }
}
