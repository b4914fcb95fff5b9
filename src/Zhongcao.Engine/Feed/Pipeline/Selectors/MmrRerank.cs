using System.Buffers;

namespace Zhongcao.Engine.Feed.Pipeline.Selectors;

/// <summary>
/// Similarity-aware re-rank: maximal marginal relevance (Carbonell and Goldstein, 1998) over a sliding
/// window. Each slot takes the candidate maximising λ·relevance − (1 − λ)·max similarity to the last
/// <see cref="FeedOptions.MmrWindow"/> placed notes; relevance is the mixed score scaled to [0, 1];
/// similarity is the share of tags in common (Jaccard) plus 0.5 for the same author, capped at 1.
/// Quadratic in the candidates: each placement costs one similarity per waiting candidate.
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

        // Each candidate's similarity to the last `window` placed notes is kept in a ring, so a placement costs one
        // similarity per waiting candidate (not one per candidate and window slot). Candidates wait in their original
        // order and the first best wins, as with a list that removes the chosen one.
        var n = candidates.Count;
        var pending = ArrayPool<FeedCandidate>.Shared.Rent(n);
        var taken = ArrayPool<bool>.Shared.Rent(n);
        var ring = ArrayPool<double>.Shared.Rent(Math.Max(1, n * window));
        try
        {
            candidates.CopyTo(pending);
            Array.Clear(taken, 0, n);
            candidates.Clear();
            var first = 0; // the first candidate not taken yet
            for (var placed = 0; placed < n; placed++)
            {
                if (placed > 0 && window > 0)
                {
                    var last = candidates[placed - 1];
                    var slot = (placed - 1) % window;
                    for (var i = first; i < n; i++)
                    {
                        if (!taken[i])
                        {
                            ring[(i * window) + slot] = Similarity(pending[i], last);
                        }
                    }
                }

                var seen = Math.Min(placed, window);
                var best = first;
                var bestValue = double.NegativeInfinity;
                for (var i = first; i < n; i++)
                {
                    if (taken[i])
                    {
                        continue;
                    }

                    var sim = 0.0;
                    for (var k = 0; k < seen; k++)
                    {
                        sim = Math.Max(sim, ring[(i * window) + k]);
                    }

                    // Served-earlier notes stay behind new ones whatever their diversity.
                    var value = (lambda * pending[i].MixedScore / max) - ((1 - lambda) * sim) - (pending[i].ServedEarlier ? 10 : 0);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = i;
                    }
                }

                if (best != first)
                {
                    pending[best].Moved(RuleName);
                }

                candidates.Add(pending[best]);
                taken[best] = true;
                while (first < n && taken[first])
                {
                    first++;
                }
            }
        }
        finally
        {
            Array.Clear(pending, 0, n);
            ArrayPool<FeedCandidate>.Shared.Return(pending);
            ArrayPool<bool>.Shared.Return(taken);
            ArrayPool<double>.Shared.Return(ring);
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
