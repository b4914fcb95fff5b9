namespace Zhongcao.Engine.Retrieval.CoEngagement;

/// <summary>
/// Online item–item co-engagement: each positive engagement pairs the item with the user's recent
/// engagements, accumulating a weighted co-occurrence count per pair and a degree per item. From it come
/// item neighbours ("people who saved this also saved…") and a user's candidate scores: the sum over the
/// user's history of each history item's similarity to the candidate (item-based collaborative filtering).
/// Deterministic: state depends only on the ordered sequence of <see cref="Record"/> calls.
/// Not thread-safe for writes; the feed owns one per engine and updates it under the write lock.
/// </summary>
public sealed class CoEngagementGraph
{
    private readonly CoEngagementOptions _options;
    private readonly List<Dictionary<int, float>> _co = [];
    private readonly List<float> _degree = [];
    private readonly List<bool> _dirty = [];
    private readonly List<int[]> _neighbours = [];
    private readonly List<float[]> _weights = [];
    private readonly Dictionary<int, List<(int Item, float Weight)>> _history = [];

    /// <summary>Creates an empty graph.</summary>
    public CoEngagementGraph(CoEngagementOptions? options = null) => _options = options ?? new CoEngagementOptions();

    /// <summary>Number of items seen (dense indexes below this are valid).</summary>
    public int ItemCount => _degree.Count;

    /// <summary>Weighted engagement count of <paramref name="item"/>.</summary>
    public float Degree(int item) => item < _degree.Count ? _degree[item] : 0;

    /// <summary>Weighted co-engagement count of a pair (symmetric).</summary>
    public float CoCount(int a, int b) => a < _co.Count && _co[a].TryGetValue(b, out var c) ? c : 0;

    /// <summary>Records that <paramref name="user"/> engaged positively with <paramref name="item"/> (weight e.g. from the action type).</summary>
    public void Record(int user, int item, float weight = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        EnsureItem(item);
        if (!_history.TryGetValue(user, out var history))
        {
            history = [];
            _history.Add(user, history);
        }

        var userFactor = _options.UserActivityExponent == 0 ? 1f : MathF.Pow(1 + history.Count, -_options.UserActivityExponent);
        var start = Math.Max(0, history.Count - _options.HistoryWindow);
        var row = _co[item];
        for (var h = start; h < history.Count; h++)
        {
            var (other, w) = history[h];
            if (other == item)
            {
                continue;
            }

            var pair = weight * w * userFactor;
            row[other] = row.GetValueOrDefault(other) + pair;
            _co[other][item] = _co[other].GetValueOrDefault(item) + pair;
            _dirty[other] = true;
        }

        _degree[item] += weight;
        _dirty[item] = true;
        history.Add((item, weight));
    }

    /// <summary>The <paramref name="k"/> most similar items to <paramref name="item"/>, best first (cached; refreshed when the item changed).</summary>
    public ReadOnlySpan<int> Neighbours(int item, out ReadOnlySpan<float> similarities)
    {
        if (item >= _degree.Count)
        {
            similarities = [];
            return [];
        }

        if (_dirty[item])
        {
            Refresh(item);
        }

        similarities = _weights[item];
        return _neighbours[item];
    }

    /// <summary>
    /// Adds to <paramref name="scores"/> (indexed by item) each candidate's summed similarity to the items of
    /// <paramref name="history"/>, weighted by <paramref name="historyWeights"/> when given (e.g. time decay).
    /// </summary>
    public void Score(ReadOnlySpan<int> history, ReadOnlySpan<float> historyWeights, Span<float> scores)
    {
        for (var h = 0; h < history.Length; h++)
        {
            var w = historyWeights.IsEmpty ? 1f : historyWeights[h];
            var nb = Neighbours(history[h], out var sims);
            for (var x = 0; x < nb.Length; x++)
            {
                if (nb[x] < scores.Length)
                {
                    scores[nb[x]] += w * sims[x];
                }
            }
        }
    }

    private void Refresh(int item)
    {
        var k = _options.Neighbours;
        var top = new List<(float Sim, int Item)>(Math.Min(k, _co[item].Count));
        var di = MathF.Pow(Math.Max(_degree[item], 1e-6f), _options.SourceExponent);
        foreach (var (j, c) in _co[item])
        {
            if (c < _options.MinCoCount)
            {
                continue;
            }

            var sim = c / (di * MathF.Pow(Math.Max(_degree[j], 1e-6f), _options.TargetExponent));
            top.Add((sim, j));
        }

        // Best first; ties by item index so refreshes are deterministic whatever the dictionary order.
        top.Sort((a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.Item.CompareTo(b.Item));
        var n = Math.Min(k, top.Count);
        _neighbours[item] = [.. top.Take(n).Select(t => t.Item)];
        _weights[item] = [.. top.Take(n).Select(t => t.Sim)];
        _dirty[item] = false;
    }

    private void EnsureItem(int item)
    {
        while (_degree.Count <= item)
        {
            _co.Add([]);
            _degree.Add(0);
            _dirty.Add(false);
            _neighbours.Add([]);
            _weights.Add([]);
        }
    }
}
