using Zhongcao.Engine.Evaluation;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Evaluation;

public class MovieLensEvaluationTests
{
    [SharedDataFact]
    public void Engine_beats_published_BPR_and_both_baselines_on_ml100k()
    {
        // u.data: user \t item \t rating \t unix_ts (read here directly; the CLI uses Simulation's reader).
        var raw = File.ReadLines(SharedData.Path("data/ml-100k/raw/u.data"))
            .Select(l => l.Split('\t'))
            .Select(f => new RawInteraction(f[0], f[1], float.Parse(f[2]), long.Parse(f[3])));
        var matrix = InteractionMatrix.Build(raw);
        Assert.Equal((943, 1682, 100_000), (matrix.UserCount, matrix.ItemCount, matrix.InteractionCount));

        var report = EvaluationReport.Run(matrix, SplitKind.Random, seed: 2020, k: 10);
        var engine = report["engine"];
        Assert.True(engine.Recall > EvaluationReport.BprRecall10, $"engine recall@10 {engine.Recall:F4}");
        Assert.True(engine.Ndcg > EvaluationReport.BprNdcg10, $"engine ndcg@10 {engine.Ndcg:F4}");
        foreach (var baseline in new[] { report["popularity"], report["itemKnn"] })
        {
            Assert.True(engine.Recall > baseline.Recall && engine.Ndcg > baseline.Ndcg, $"{baseline.Model}: {baseline.Recall:F4}/{baseline.Ndcg:F4}");
        }

        // Sanity of the protocol: the item-kNN baseline lands near RecBole's own ItemKNN on ml-100k.
        Assert.InRange(report["itemKnn"].Recall, 0.17, 0.26);
    }
}
