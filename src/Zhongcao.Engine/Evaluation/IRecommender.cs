namespace Zhongcao.Engine.Evaluation;

/// <summary>A model under offline evaluation: fitted on a split's training data, then scores every item for a user.</summary>
public interface IRecommender
{
    /// <summary>Short name used in reports (e.g. <c>engine</c>, <c>popularity</c>, <c>itemKnn</c>).</summary>
    string Name { get; }

    /// <summary>Learns from <see cref="DataSplit.Train"/> / <see cref="DataSplit.TrainStream"/> only.</summary>
    void Fit(DataSplit split);

    /// <summary>Writes a score for every item (higher is better) into <paramref name="scores"/> (length = item count).</summary>
    void Score(int user, Span<float> scores);
}
