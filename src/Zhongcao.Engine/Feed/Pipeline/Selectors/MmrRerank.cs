namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Similarity-aware re-rank: maximal marginal relevance (Carbonell and Goldstein, 1998) over a sliding
/// window. Each slot takes the candidate maximising λ·relevance − (1 − λ)·max similarity to the last
/// <see cref="FeedOptions.MmrWindow"/> placed notes; relevance is the mixed score scaled to [0, 1];
/// similarity is the share of tags in common (Jaccard) plus 0.5 for the same author, capped at 1.
/// Quadratic in the candidates, which are a page and a few more.
/// </summary>
public sealed class MmrRerank : IFeedSelector
{
    /// <summary>Rule name.</summary>
    public const string RuleName = "mix:mmr";

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public void Select(FeedContext context, List<FeedCandidate> candidates)
    {
        if (candidates.Count < 3)
        {
            return;
        }

        var lambda = context.Options.MmrLambda;
        var window = context.Options.MmrWindow;
        var max = 0.0;
        foreach (var c in candidates)
        {
            max = Math.Max(max, c.MixedScore);
        }

        max = max <= 0 ? 1 : max;
        var pending = new List<FeedCandidate>(candidates);
        candidates.Clear();
        while (pending.Count > 0)
        {
            var best = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < pending.Count; i++)
            {
                var sim = 0.0;
                for (var j = Math.Max(0, candidates.Count - window); j < candidates.Count; j++)
                {
                    sim = Math.Max(sim, Similarity(pending[i], candidates[j]));
                }

                // Served-earlier notes stay behind new ones whatever their diversity.
                var value = (lambda * pending[i].MixedScore / max) - ((1 - lambda) * sim) - (pending[i].ServedEarlier ? 10 : 0);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            if (best != 0)
            {
                pending[best].Moved(RuleName);
            }

            candidates.Add(pending[best]);
            pending.RemoveAt(best);
        }
    }

    /// <summary>Similarity of two notes in [0, 1].</summary>
    public static double Similarity(FeedCandidate a, FeedCandidate b)
    {
        var ta = a.Note.Tags;
        var tb = b.Note.Tags;
        var common = 0;
        foreach (var t in ta)
        {
            if (Array.IndexOf(tb, t) >= 0)
            {
                common++;
            }
        }

        var union = ta.Length + tb.Length - common;
        var sim = union == 0 ? 0 : (double)common / union;
        if (a.Note.AuthorIndex == b.Note.AuthorIndex)
        {
            sim += 0.5;
        }

        return Math.Min(1, sim);
    }
}
