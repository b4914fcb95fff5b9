using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Feed.Pipeline.Filters;
using Zhongcao.Engine.Feed.Pipeline.Sources;

namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>
/// score = engagement × freshness × quality × governance × pool boost × affinity × journey × temporal × recovery
/// (see <see cref="ScoreParts"/>); the last three come from the reader's learned profile and are 1 without one.
/// Engagement comes from an <see cref="IEngagementScorer"/>, the seam for the learned model.
/// </summary>
public sealed class DefaultFeedScorer(IEngagementScorer engagement) : IFeedScorer
{
    /// <inheritdoc />
    public string Name => "score:default";

    /// <inheritdoc />
    public void Score(FeedContext context, List<FeedCandidate> candidates)
    {
        var o = context.Options;
        foreach (var c in candidates)
        {
            var note = c.Note;
            var evergreen = context.Distribution?.Of(c.NoteIndex) is { Evergreen: true };
            var matches = 0;
            foreach (var s in c.Sources)
            {
                if (s == ChronologicalSources.Following || s.StartsWith(ChronologicalSources.InterestPrefix, StringComparison.Ordinal))
                {
                    matches++;
                }
            }

            c.Parts = new ScoreParts
            {
                Engagement = engagement.Predict(context, c),
                Freshness = Freshness.Boost(context.Now - note.Note.CreatedAt, o.FreshnessPeriod, o.FreshnessFloor, evergreen),
                Quality = 0.5 + ((note.Assessment?.Quality ?? 50) / 100),
                Governance = Eligibility.Multiplier(note, context.Now, context.Distribution),
                Boost = c.Pool is { } pool ? Math.Max(1, pool.Boost) : 1,
                Affinity = 1 + (0.1 * matches),
                Journey = 1,
                Temporal = 1,
                Recovery = 1,
            };
            PersonalSignals.Apply(context, c);
            c.Score = c.Parts.Product;
            c.MixedScore = c.Score;
        }
    }
}
