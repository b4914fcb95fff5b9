namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>A level-2 category ("area/category") does not repeat within <see cref="FeedOptions.CategorySpacing"/> slots.</summary>
public sealed class CategorySpacingConstraint : IMixingConstraint
{
    /// <inheritdoc />
    public string Name => "mix:categorySpacing";

    /// <inheritdoc />
    public bool Allows(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate)
    {
        if (candidate.Category is not { } category)
        {
            return true;
        }

        for (var i = Math.Max(0, placed.Count - context.Options.CategorySpacing + 1); i < placed.Count; i++)
        {
            if (string.Equals(placed[i].Category, category, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
