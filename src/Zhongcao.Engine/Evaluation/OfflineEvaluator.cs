using System.Diagnostics;

namespace Zhongcao.Engine.Evaluation;

/// <summary>
/// Full-ranking offline evaluation (RecBole's protocol): every item the user has not interacted with before
/// the target part is a candidate, the model ranks them all, and top-K metrics are averaged over users
/// with at least one target item.
/// </summary>
public static class OfflineEvaluator
{
    /// <summary>Fits <paramref name="model"/> on the split and evaluates it at cut-off <paramref name="k"/>.</summary>
    public static ModelMetrics FitAndEvaluate(IRecommender model, DataSplit split, int k, EvaluationTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sw = Stopwatch.StartNew();
        model.Fit(split);
        var fit = sw.Elapsed.TotalSeconds;
        return Evaluate(model, split, k, target) with { FitSeconds = fit };
    }

    /// <summary>Evaluates an already fitted model.</summary>
    public static ModelMetrics Evaluate(IRecommender model, DataSplit split, int k, EvaluationTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var items = split.ItemCount;
        var scores = new float[items];
        var top = new int[k];
        var recommended = new bool[items];
        var targets = new HashSet<int>();
        double recall = 0, ndcg = 0, mrr = 0, hit = 0, precision = 0;
        var users = 0;
        for (var u = 0; u < split.UserCount; u++)
        {
            var truth = target == EvaluationTarget.Test ? split.Test[u] : split.Valid[u];
            if (truth.Length == 0)
            {
                continue;
            }

            model.Score(u, scores);
            Mask(scores, split.Train[u]);
            if (target == EvaluationTarget.Test)
            {
                Mask(scores, split.Valid[u]);
            }

            var n = TopK(scores, top);
            targets.Clear();
            targets.UnionWith(truth);
            int hits = 0, firstHit = -1;
            double dcg = 0;
            for (var r = 0; r < n; r++)
            {
                recommended[top[r]] = true;
                if (targets.Contains(top[r]))
                {
                    hits++;
                    dcg += 1.0 / Math.Log2(r + 2);
                    if (firstHit < 0)
                    {
                        firstHit = r;
                    }
                }
            }

            double idcg = 0;
            for (var r = 0; r < Math.Min(truth.Length, k); r++)
            {
                idcg += 1.0 / Math.Log2(r + 2);
            }

            recall += (double)hits / truth.Length;
            ndcg += dcg / idcg;
            mrr += firstHit >= 0 ? 1.0 / (firstHit + 1) : 0;
            hit += hits > 0 ? 1 : 0;
            precision += (double)hits / k;
            users++;
        }

        var coverage = (double)recommended.Count(x => x) / Math.Max(1, items);
        var d = Math.Max(1, users);
        return new ModelMetrics(model.Name, k, recall / d, ndcg / d, mrr / d, hit / d, precision / d, coverage, users, 0);
    }

    private static void Mask(float[] scores, int[] items)
    {
        foreach (var i in items)
        {
            scores[i] = float.NegativeInfinity;
        }
    }

    /// <summary>Indexes of the K highest finite scores, best first; ties go to the smaller item index (deterministic).</summary>
    internal static int TopK(ReadOnlySpan<float> scores, Span<int> top)
    {
        var k = top.Length;
        var n = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (float.IsNegativeInfinity(s) || float.IsNaN(s))
            {
                continue;
            }

            if (n == k && s <= scores[top[n - 1]])
            {
                continue;
            }

            var at = n < k ? n++ : k - 1;
            while (at > 0 && s > scores[top[at - 1]])
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = i;
        }

        return n;
    }
}
