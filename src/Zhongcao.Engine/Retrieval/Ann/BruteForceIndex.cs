using System.Numerics.Tensors;

namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Exact nearest-neighbour search by scanning every vector: the ground truth for measuring
/// <see cref="HnswIndex"/> recall, and a sound choice below a few thousand vectors.
/// </summary>
public sealed class BruteForceIndex
{
    private readonly int _dim;
    private readonly AnnMetric _metric;
    private readonly List<float[]> _vectors = [];
    private readonly List<int> _keys = [];
    private readonly Dictionary<int, int> _slotOfKey = [];

    /// <summary>Creates an empty exact index.</summary>
    public BruteForceIndex(int dimension, AnnMetric metric)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dim = dimension;
        _metric = metric;
    }

    /// <summary>Number of live keys.</summary>
    public int Count => _slotOfKey.Count;

    /// <summary>Inserts or replaces the vector of <paramref name="key"/>.</summary>
    public void Upsert(int key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != _dim)
        {
            throw new ArgumentException("wrong dimension", nameof(vector));
        }

        var copy = vector.ToArray();
        if (_metric == AnnMetric.Cosine)
        {
            var norm = TensorPrimitives.Norm(copy);
            if (norm > 0)
            {
                TensorPrimitives.Divide(copy, norm, copy);
            }
        }

        if (_slotOfKey.TryGetValue(key, out var slot))
        {
            _vectors[slot] = copy;
            return;
        }

        _slotOfKey[key] = _vectors.Count;
        _vectors.Add(copy);
        _keys.Add(key);
    }

    /// <summary>Removes a key; returns false when absent.</summary>
    public bool Remove(int key)
    {
        if (!_slotOfKey.Remove(key, out var slot))
        {
            return false;
        }

        // Swap the last slot into the hole.
        var last = _vectors.Count - 1;
        if (slot != last)
        {
            _vectors[slot] = _vectors[last];
            _keys[slot] = _keys[last];
            _slotOfKey[_keys[slot]] = slot;
        }

        _vectors.RemoveAt(last);
        _keys.RemoveAt(last);
        return true;
    }

    /// <summary>The exact top <paramref name="k"/> keys by similarity, best first (ties: smaller key first).</summary>
    public IReadOnlyList<AnnHit> Search(ReadOnlySpan<float> query, int k)
    {
        var q = query.ToArray();
        if (_metric == AnnMetric.Cosine)
        {
            var norm = TensorPrimitives.Norm(q);
            if (norm > 0)
            {
                TensorPrimitives.Divide(q, norm, q);
            }
        }

        // A min-heap of the best k so far: worst on top.
        var heap = new PriorityQueue<int, (float Score, int NegKey)>(k + 1);
        for (var i = 0; i < _vectors.Count; i++)
        {
            var s = VectorMath.Dot(q, _vectors[i]);
            if (heap.Count == k && heap.TryPeek(out _, out var worst) && (s < worst.Score || (s == worst.Score && -_keys[i] <= worst.NegKey)))
            {
                continue;
            }

            heap.Enqueue(i, (s, -_keys[i]));
            if (heap.Count > k)
            {
                heap.Dequeue();
            }
        }

        var hits = new AnnHit[heap.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var slot, out var p);
            hits[i] = new AnnHit(_keys[slot], p.Score);
        }

        return hits;
    }
}
