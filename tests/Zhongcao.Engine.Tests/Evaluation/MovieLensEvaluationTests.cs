using Zhongcao.Engine.Evaluation;
using Zhongcao.Engine.Tests.Support;

namespace Zhongcao.Engine.Tests.Evaluation;

public class MovieLensEvaluationTests(Xunit.Abstractions.ITestOutputHelper output)
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

        // Genres (u.item, u.genre) become the notes' tags for the engagement model.
        var genres = File.ReadLines(SharedData.Path("data/ml-100k/raw/u.genre")).Where(l => l.Contains('|'))
            .Select(l => l.Split('|')).ToDictionary(f => int.Parse(f[1]), f => f[0].ToLowerInvariant());
        var tags = File.ReadLines(SharedData.Path("data/ml-100k/raw/u.item"), System.Text.Encoding.Latin1).Select(l => l.Split('|'))
            .ToDictionary(f => f[0], f => Enumerable.Range(0, genres.Count).Where(g => f[5 + g] == "1").Select(g => genres[g]).ToArray());
        var report = EvaluationReport.Run(matrix, SplitKind.Random, seed: 2020, k: 10, tags);
        output.WriteLine(string.Join(Environment.NewLine, report.Models.Select(m => $"{m.Model}: recall@10 {m.Recall:F4} ndcg@10 {m.Ndcg:F4}")));
        var engine = report["engine"];
        Assert.True(engine.Recall > EvaluationReport.BprRecall10, $"engine recall@10 {engine.Recall:F4}");
        Assert.True(engine.Ndcg > EvaluationReport.BprNdcg10, $"engine ndcg@10 {engine.Ndcg:F4}");
        foreach (var baseline in new[] { report["popularity"], report["itemKnn"] })
        {
            Assert.True(engine.Recall > baseline.Recall && engine.Ndcg > baseline.Ndcg, $"{baseline.Model}: {baseline.Recall:F4}/{baseline.Ndcg:F4}");
        }

        // The engine's ranking with the learned engagement model blended in still beats BPR.
        var withModel = report["engine+model"];
        Assert.True(withModel.Recall > EvaluationReport.BprRecall10 && withModel.Ndcg > EvaluationReport.BprNdcg10,
            $"engine+model: {withModel.Recall:F4}/{withModel.Ndcg:F4}");
        Assert.True(report["model rerank"].Users == engine.Users);

        // Sanity of the protocol: the item-kNN baseline lands near RecBole's own ItemKNN on ml-100k.
        Assert.InRange(report["itemKnn"].Recall, 0.17, 0.26);
    }
}
