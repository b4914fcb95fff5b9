using Zhongcao.Engine.Ranking;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Feed.Pipeline.Scorers;

/// <summary>
/// Engagement from the learned multi-task model: Σ weight × P(action) over click, like, save, comment, share,
/// follow and negative feedback (<see cref="Personalization.PersonalizationOptions.ActionValues"/>), floored at a
/// small positive value so the product of factors stays an order. Until the model has trained on
/// <see cref="Personalization.PersonalizationOptions.MinModelExamples"/> impressions (or without the module) it
/// answers with <paramref name="fallback"/> (smoothed counters).
/// </summary>
public sealed class ModelEngagementScorer(IEngagementScorer fallback) : IEngagementScorer
{
    /// <summary>Floor of Σ weight × P (a note predicted mostly negative still keeps a comparable score).</summary>
    public const double Floor = 1e-3;

    /// <inheritdoc />
    public string Name => "engagement:model";

    /// <inheritdoc />
    public double Predict(UserState user, NoteState note) => fallback.Predict(user, note);

    /// <inheritdoc />
    public double Predict(FeedContext context, FeedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidate);
        if (context.Personalization is not { ModelReady: true } module)
        {
            return fallback.Predict(context.User, candidate.Note);
        }

        // The per-head probabilities are kept on the candidate only when the page is explained (they are shown as
        // score parts); otherwise one scratch array per request serves every candidate.
        var p = context.Explain ? new float[EngagementHeads.Count] : context.ProbabilityScratch;
        module.Predict(context.User, candidate.Note, context.Now, p, context.FeatureScratch);
        if (context.Explain)
        {
            candidate.Probabilities = p;
        }

        return Math.Max(Floor, module.Options.ActionValues.Score(p));
    }
}
