namespace Zhongcao.Engine.Evaluation;

/// <summary>Averaged top-K metrics of one model (RecBole's definitions; averaged over users with test items).</summary>
/// <param name="Model">Model name.</param>
/// <param name="K">Cut-off.</param>
/// <param name="Recall">Mean of |hits in top K| / |test items|.</param>
/// <param name="Ndcg">Mean NDCG@K with binary relevance; the ideal DCG ranks min(|test|, K) hits first.</param>
/// <param name="Mrr">Mean reciprocal rank of the first hit in the top K (0 when none).</param>
/// <param name="HitRate">Share of users with at least one hit in the top K.</param>
/// <param name="Precision">Mean of |hits in top K| / K.</param>
/// <param name="Coverage">Distinct items recommended in any top K / all items.</param>
/// <param name="Users">Users evaluated.</param>
/// <param name="FitSeconds">Training time.</param>
public sealed record ModelMetrics(
    string Model, int K, double Recall, double Ndcg, double Mrr, double HitRate, double Precision, double Coverage, int Users, double FitSeconds);
