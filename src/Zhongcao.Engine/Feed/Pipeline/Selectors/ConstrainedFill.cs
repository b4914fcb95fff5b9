namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Fills the page slot by slot with the first candidate (in the current order) that every enabled
/// constraint allows, and caps the page at the limit. When none fits, a promoted note is held back (it
/// may not break its cap), otherwise the first candidate is taken (a short catalogue beats an empty slot).
/// Every candidate passed over records the rules that moved it.
/// </summary>
public sealed class ConstrainedFill(IReadOnlyList<IMixingConstraint> constraints) : IFeedSelector
{
    /// <inheritdoc />
    public string Name => "select:constrainedFill";

    /// <inheritdoc />
    public void Select(FeedContext context, List<FeedCandidate> candidates)
    {
        var pending = new List<FeedCandidate>(candidates);
        candidates.Clear();
        var limit = context.Limit;
        while (pending.Count > 0 && candidates.Count < limit)
        {
            var chosen = -1;
            for (var i = 0; i < pending.Count && chosen < 0; i++)
            {
                var blocked = Blocking(context, candidates, pending[i]);
                if (blocked is null)
                {
                    chosen = i;
                }
                else
                {
                    pending[i].Moved(blocked);
                }
            }

            if (chosen < 0)
            {
                chosen = pending.FindIndex(static c => !c.Promoted);
                if (chosen < 0)
                {
                    break;
                }
            }

            candidates.Add(pending[chosen]);
            pending.RemoveAt(chosen);
        }
    }

    private string? Blocking(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate)
    {
        foreach (var c in constraints)
        {
            if (!context.Options.Disabled.Contains(c.Name) && !c.Allows(context, placed, candidate))
            {
                return c.Name;
            }
        }

        return null;
    }
}
