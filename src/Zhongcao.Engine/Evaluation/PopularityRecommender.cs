namespace Zhongcao.Engine.Evaluation;

/// <summary>Baseline: every user gets the items with the most training interactions.</summary>
public sealed class PopularityRecommender : IRecommender
{
    private float[] _counts = [];

    /// <inheritdoc />
    public string Name => "popularity";

    /// <inheritdoc />
    public void Fit(DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        _counts = new float[split.ItemCount];
        foreach (var items in split.Train)
        {
            foreach (var i in items)
            {
                _counts[i]++;
            }
        }
    }

    /// <inheritdoc />
    public void Score(int user, Span<float> scores) => _counts.CopyTo(scores);
}
