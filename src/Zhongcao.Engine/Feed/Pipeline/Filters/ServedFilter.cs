namespace Zhongcao.Engine.Feed.Pipeline.Filters;

/// <summary>
/// Removes notes already served in this session (a page never repeats one from an earlier page) and marks
/// notes served in an earlier session as <see cref="FeedCandidate.ServedEarlier"/>: those are kept, but the
/// ordering puts them after new notes, so a refresh shows new notes first and old ones only when it runs out.
/// </summary>
public sealed class ServedFilter : IFeedFilter
{
    /// <inheritdoc />
    public string Name => "filter:served";

    /// <inheritdoc />
    public FilterResult Apply(FeedContext context, List<FeedCandidate> candidates)
    {
        var kept = new List<FeedCandidate>(candidates.Count);
        var removed = new List<(FeedCandidate, string)>();
        foreach (var c in candidates)
        {
            var session = context.Served.SessionOf(c.NoteIndex, context.Now, context.Options.ServedTtl);
            if (session == context.Session)
            {
                removed.Add((c, "servedThisSession"));
                continue;
            }

            c.ServedEarlier = session != 0;
            kept.Add(c);
        }

        return new FilterResult(kept, removed);
    }
}
