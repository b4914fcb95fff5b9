namespace Zhongcao.Engine.Evaluation;

/// <summary>
/// Baseline: classic item-based kNN as in RecBole's ItemKNN (cosine similarity of item columns of the
/// binary user–item matrix, each item keeps its <see cref="Neighbours"/> most similar items, shrink 0);
/// a user's score for an item is the sum of its similarities to the user's training items.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    private int[][] _train = [];
    private int[][] _neighbours = [];
    private float[][] _weights = [];

    /// <summary>Neighbours kept per item (RecBole's default k = 100).</summary>
    public int Neighbours { get; init; } = 100;

    /// <inheritdoc />
    public string Name => "itemKnn";

    /// <inheritdoc />
    public void Fit(DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var n = split.ItemCount;
        _train = [.. split.Train];
        var co = new float[n][];
        var degree = new float[n];
        for (var i = 0; i < n; i++)
        {
            co[i] = new float[n];
        }

        foreach (var items in split.Train)
        {
            foreach (var a in items)
            {
                degree[a]++;
                var row = co[a];
                foreach (var b in items)
                {
                    row[b]++;
                }
            }
        }

        _neighbours = new int[n][];
        _weights = new float[n][];
        var top = new int[Math.Min(Neighbours, n)];
        var sims = new float[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sims[j] = i == j || degree[i] == 0 || degree[j] == 0 ? float.NegativeInfinity
                    : co[i][j] == 0 ? float.NegativeInfinity : co[i][j] / MathF.Sqrt(degree[i] * degree[j]);
            }

            var count = OfflineEvaluator.TopK(sims, top);
            _neighbours[i] = top[..count];
            _weights[i] = [.. top[..count].Select(j => sims[j])];
        }
    }

    /// <inheritdoc />
    public void Score(int user, Span<float> scores)
    {
        scores.Clear();
        foreach (var i in _train[user])
        {
            var nb = _neighbours[i];
            var w = _weights[i];
            for (var x = 0; x < nb.Length; x++)
            {
                scores[nb[x]] += w[x];
            }
        }
    }
}
