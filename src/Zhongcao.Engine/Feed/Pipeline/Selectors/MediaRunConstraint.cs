namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>At most <see cref="FeedOptions.MaxMediaRun"/> consecutive notes of one media type.</summary>
public sealed class MediaRunConstraint : IMixingConstraint
{
    /// <inheritdoc />
    public string Name => "mix:mediaRun";

    /// <inheritdoc />
    public bool Allows(FeedContext context, List<FeedCandidate> placed, FeedCandidate candidate)
    {
        var run = context.Options.MaxMediaRun;
        if (placed.Count < run)
        {
            return true;
        }

        for (var i = placed.Count - run; i < placed.Count; i++)
        {
            if (placed[i].Media != candidate.Media)
            {
                return true;
            }
        }

        return false;
    }
}
