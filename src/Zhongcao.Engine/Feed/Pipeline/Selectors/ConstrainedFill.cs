namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Fills the page slot by slot with the first candidate (in the current order) that every enabled
/// constraint allows, and caps the page at the limit. When none fits, the least important constraints are
/// relaxed in turn (a short catalogue beats an empty slot), except the first, which always holds.
/// Every candidate passed over records the rule that moved it.
/// </summary>
public sealed class ConstrainedFill(IReadOnlyList<IMixingConstraint> constraints) : IFeedSelector
{
    /// <inheritdoc />
    public string Name => "select:constrainedFill";

    /// <inheritdoc />
    public void Select(FeedContext context, List<FeedCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        var pending = new List<FeedCandidate>(candidates);
        candidates.Clear();
        Fill(context, context.Limit, candidates, pending);
    }

    /// <summary>
    /// Appends to <paramref name="placed"/> (which may already hold the top of the page: the rules are checked against
    /// it) from <paramref name="pending"/>, in order, until <paramref name="limit"/> slots are placed or nothing fits;
    /// removes what it placed from <paramref name="pending"/>, which keeps the rest in order.
    /// </summary>
    public void Fill(FeedContext context, int limit, List<FeedCandidate> placed, List<FeedCandidate> pending)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(placed);
        ArgumentNullException.ThrowIfNull(pending);
        while (pending.Count > 0 && placed.Count < limit)
        {
            // Constraints are in order of importance; when no candidate satisfies all of them, the least
            // important are relaxed one by one, but never the first (the promoted cap is a promise to readers).
            var chosen = -1;
            for (var active = constraints.Count; active >= 1 && chosen < 0; active--)
            {
                chosen = FirstAllowed(context, placed, pending, active);
            }

            if (chosen < 0 && constraints.Count == 0)
            {
                chosen = 0;
            }

            if (chosen < 0)
            {
                break;
            }

            placed.Add(pending[chosen]);
            pending.RemoveAt(chosen);
        }
    }

    private int FirstAllowed(FeedContext context, List<FeedCandidate> placed, List<FeedCandidate> pending, int active)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            var blocked = Blocking(context, placed, pending[i], active);
            if (blocked is null)
            {
                return i;
            }

            pending[i].Moved(blocked);
        }

        return -1;
    }

    private string? Blocking(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate, int active)
    {
        for (var i = 0; i < active; i++)
        {
            var c = constraints[i];
            if (!context.Options.Disabled.Contains(c.Name) && !c.Allows(context, placed, candidate))
            {
                return c.Name;
            }
        }

        return null;
    }
}
