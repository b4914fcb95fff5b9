using Zhongcao.Engine.Evaluation;

namespace Zhongcao.Engine.Tests.Evaluation;

public class EngineModelRecommenderTests
{
    /// <summary>Two taste groups of 30 users over 40 items: group g rates most of items g·20 … g·20+19.</summary>
    private static DataSplit Groups()
    {
        var raw = new List<RawInteraction>();
        for (var u = 0; u < 60; u++)
        {
            for (var i = 0; i < 20; i++)
            {
                if ((u + i) % 4 != 0)
                {
                    raw.Add(new RawInteraction("u" + u, "i" + (((u % 2) * 20) + i), 5, (u * 100) + i));
                }
            }
        }

        return Splitter.Split(InteractionMatrix.Build(raw), SplitKind.Random, seed: 3);
    }

    [Fact]
    public void The_model_trains_online_on_the_replayed_events_and_weight_zero_keeps_the_retrieval_order()
    {
        var split = Groups();
        using var withModel = new EngineModelRecommender { ModelWeight = 0, Candidates = 30 };
        withModel.Fit(split);
        var retrieval = new EngineRecommender();
        retrieval.Fit(split);

        // Every training interaction is an impression with a like plus 4 quiet impressions (sampled, weighted back up).
        var positives = split.TrainStream.Count;
        Assert.InRange(withModel.Module!.Model.Examples, positives * 3, positives * 7);

        var a = new float[split.ItemCount];
        var b = new float[split.ItemCount];
        for (var u = 0; u < split.UserCount; u++)
        {
            withModel.Score(u, a);
            retrieval.Score(u, b);
            foreach (var i in split.Train[u])
            {
                b[i] = float.NegativeInfinity;
                a[i] = float.NegativeInfinity;
            }

            var topA = new int[10];
            var topB = new int[10];
            OfflineEvaluator.TopK(a, topA);
            OfflineEvaluator.TopK(b, topB);
            Assert.Equal(topB, topA);
        }
    }

    [Fact]
    public void With_the_group_as_a_tag_the_learned_model_prefers_the_users_own_taste_group()
    {
        var split = Groups();
        var tags = Enumerable.Range(0, 40).ToDictionary(i => "i" + i, i => new[] { i < 20 ? "alpha" : "beta" });
        using var withModel = new EngineModelRecommender { ModelWeight = 1, Candidates = 40, ItemTags = tags };
        withModel.Fit(split);
        var scores = new float[split.ItemCount];
        var inGroup = 0;
        var total = 0;
        for (var u = 0; u < split.UserCount; u++)
        {
            withModel.Score(u, scores);
            foreach (var i in split.Train[u])
            {
                scores[i] = float.NegativeInfinity;
            }

            var top = new int[5];
            var n = OfflineEvaluator.TopK(scores, top);
            var group = split.Matrix.UserIds[u][1..] is var id && int.Parse(id, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? 0 : 1;
            for (var r = 0; r < n; r++)
            {
                total++;
                inGroup += int.Parse(split.Matrix.ItemIds[top[r]][1..], System.Globalization.CultureInfo.InvariantCulture) / 20 == group ? 1 : 0;
            }
        }

        Assert.True(inGroup > total * 0.8, $"{inGroup} of {total} top-5 items from the user's group");
    }
}
