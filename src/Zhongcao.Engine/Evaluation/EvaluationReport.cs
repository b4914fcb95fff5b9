namespace Zhongcao.Engine.Evaluation;

/// <summary>The outcome of one offline evaluation run: dataset sizes, protocol and each model's metrics.</summary>
/// <param name="Users">Users in the dataset.</param>
/// <param name="Items">Items in the dataset.</param>
/// <param name="Interactions">Interactions (deduplicated).</param>
/// <param name="Split">Split used.</param>
/// <param name="Seed">Split seed.</param>
/// <param name="K">Cut-off.</param>
/// <param name="Models">Metrics per model on the test part.</param>
public sealed record EvaluationReport(int Users, int Items, int Interactions, SplitKind Split, ulong Seed, int K, IReadOnlyList<ModelMetrics> Models)
{
    /// <summary>Published RecBole BPR on ml-100k (random 8:1:1, full ranking, test): recall@10.</summary>
    public const double BprRecall10 = 0.2368;

    /// <summary>Published RecBole BPR on ml-100k: NDCG@10.</summary>
    public const double BprNdcg10 = 0.2768;

    /// <summary>Metrics of the named model.</summary>
    public ModelMetrics this[string model] => Models.First(m => m.Model == model);

    /// <summary>
    /// Runs the standard comparison on one split: the engine's retrieval alone ("engine"), retrieval re-ranked with the
    /// learned engagement model trained online on the training events ("engine+model", blend weight
    /// <see cref="EngineModelRecommender.DefaultModelWeight"/>; "model rerank": the model alone orders the retrieved
    /// candidates), popularity and item-kNN. <paramref name="itemTags"/> (raw item id → tags, e.g. MovieLens genres)
    /// gives the model's category features something to learn from.
    /// </summary>
    public static EvaluationReport Run(InteractionMatrix matrix, SplitKind split, ulong seed, int k, IReadOnlyDictionary<string, string[]>? itemTags = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var data = Splitter.Split(matrix, split, seed);
        var results = new List<ModelMetrics> { OfflineEvaluator.FitAndEvaluate(new EngineRecommender(), data, k, EvaluationTarget.Test) };
        using var withModel = new EngineModelRecommender { ItemTags = itemTags };
        var blended = OfflineEvaluator.FitAndEvaluate(withModel, data, k, EvaluationTarget.Test);
        results.Add(blended);
        withModel.ModelWeight = 1;
        withModel.Name = "model rerank";
        results.Add(OfflineEvaluator.Evaluate(withModel, data, k, EvaluationTarget.Test) with { FitSeconds = blended.FitSeconds });
        IRecommender[] baselines = [new PopularityRecommender(), new ItemKnnRecommender()];
        results.AddRange(baselines.Select(m => OfflineEvaluator.FitAndEvaluate(m, data, k, EvaluationTarget.Test)));
        return new EvaluationReport(matrix.UserCount, matrix.ItemCount, matrix.InteractionCount, split, seed, k, results);
    }
}
