using Zhongcao.Engine.Profiles;

namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>The score factors read off the reader's learned profile: purchase-journey fit, temporal pattern and negative-feedback recovery.</summary>
public static class PersonalSignals
{
    /// <summary>Sets <see cref="ScoreParts.Journey"/>, <see cref="ScoreParts.Temporal"/> and <see cref="ScoreParts.Recovery"/> (all 1 without a profile).</summary>
    public static void Apply(FeedContext context, FeedCandidate c)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(c);
        if (context.Personalization is not { } module || context.Taste is not { } taste)
        {
            return;
        }

        var o = context.Options;
        var category = module.CategoryOf(c.NoteIndex);
        if (module.IsProduct(c.NoteIndex))
        {
            c.Parts.Journey = (category < 0 ? JourneyStage.None : module.Stage(taste, category, context.Now)) switch
            {
                JourneyStage.Purchase => o.PurchaseBoost,
                JourneyStage.Research => o.ResearchBoost,
                _ => o.ProductElsewhere,
            };
        }

        if (category >= 0)
        {
            var utc = context.Now.UtcDateTime;
            var t = taste.TemporalAffinity(category, utc.Hour, (int)utc.DayOfWeek);
            c.Parts.Temporal = Math.Clamp(t, 1 / o.TemporalRange, o.TemporalRange);
        }

        c.Parts.Recovery = module.Recovery(taste, c.Note.AuthorIndex, context.Now);
    }
}
