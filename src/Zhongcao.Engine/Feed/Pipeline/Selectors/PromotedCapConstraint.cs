namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>At most one promoted note (sponsored or commercial) in any <see cref="FeedOptions.PromotedEvery"/> consecutive slots.</summary>
public sealed class PromotedCapConstraint : IMixingConstraint
{
    /// <summary>Rule name.</summary>
    public const string RuleName = "mix:promotedCap";

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public bool Allows(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate)
    {
        if (!candidate.Promoted)
        {
            return true;
        }

        for (var i = Math.Max(0, placed.Count - context.Options.PromotedEvery + 1); i < placed.Count; i++)
        {
            if (placed[i].Promoted)
            {
                return false;
            }
        }

        return true;
    }
}
