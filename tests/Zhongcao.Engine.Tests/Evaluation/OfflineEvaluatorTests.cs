using Zhongcao.Engine.Evaluation;

namespace Zhongcao.Engine.Tests.Evaluation;

public class OfflineEvaluatorTests
{
    [Fact]
    public void TopK_is_best_first_with_ties_to_the_smaller_index_and_skips_masked_items()
    {
        float[] scores = [0.5f, float.NegativeInfinity, 0.9f, 0.5f, 0.1f];
        var top = new int[3];
        Assert.Equal(3, OfflineEvaluator.TopK(scores, top));
        Assert.Equal([2, 0, 3], top);
    }

    [Fact]
    public void Split_sizes_follow_recbole_ratios_and_parts_are_disjoint()
    {
        Assert.Equal((8, 1, 1), Splitter.Counts(10));
        Assert.Equal((17, 2, 2), Splitter.Counts(21));
        Assert.Equal((3, 1, 1), Splitter.Counts(5));
        var raw = Enumerable.Range(0, 40).Select(i => new RawInteraction("u" + (i % 2), "i" + i, 1, i));
        var split = Splitter.Split(InteractionMatrix.Build(raw), SplitKind.Random, seed: 1);
        var again = Splitter.Split(InteractionMatrix.Build(raw), SplitKind.Random, seed: 1);
        for (var u = 0; u < 2; u++)
        {
            var all = split.Train[u].Concat(split.Valid[u]).Concat(split.Test[u]).ToList();
            Assert.Equal(20, all.Distinct().Count());
            Assert.Equal(split.Test[u], again.Test[u]);
        }

        var temporal = Splitter.Split(InteractionMatrix.Build(raw), SplitKind.Temporal, seed: 1);
        Assert.True(temporal.Test[0].Min() > temporal.Train[0].Max());
    }

    [Fact]
    public void Metrics_match_hand_computed_values()
    {
        // One user, items 0..5; train {0}; test {1, 3}; the model ranks 1, 2, 3, ... so hits at ranks 1 and 3.
        var raw = Enumerable.Range(0, 10).Select(i => new RawInteraction("u", "i" + i, 1, i)).ToList();
        var matrix = InteractionMatrix.Build(raw);
        var split = new DataSplit(matrix, [[0]], [[9]], [[1, 3]], [(0, 0)]);
        var m = OfflineEvaluator.Evaluate(new Fixed(), split, 3, EvaluationTarget.Test);
        Assert.Equal(1.0, m.Recall, 6);
        Assert.Equal((1 + (1 / Math.Log2(4))) / (1 + (1 / Math.Log2(3))), m.Ndcg, 6);
        Assert.Equal(1.0, m.Mrr, 6);
        Assert.Equal(2.0 / 3, m.Precision, 6);
    }

    private sealed class Fixed : IRecommender
    {
        public string Name => "fixed";

        public void Fit(DataSplit split)
        {
        }

        public void Score(int user, Span<float> scores)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = -i;
            }
        }
    }
}
