using System.Numerics.Tensors;

namespace Zhongcao.Engine.Retrieval.Embeddings;

/// <summary>
/// Item embeddings learned online from co-engagement (item2vec: Barkan and Koenigstein, 2016): when a user
/// engages an item, it forms positive pairs with the user's recent engagements and the model takes one SGD
/// step of skip-gram with negative sampling per pair (logistic loss on the dot product of an item's input
/// vector and the other's context vector; random items as negatives). Items engaged by the same people
/// end up close even when they share no keyword (a skincare serum and a facial roller), which the content
/// embedding alone cannot see. <see cref="Embedding"/> blends both, so new items start from their content.
/// Deterministic: initial vectors and negatives come from a <see cref="SplitMix64"/> seeded by the options,
/// advanced only by <see cref="Record"/> calls in order.
/// </summary>
public sealed class ItemEmbeddingModel
{
    private readonly ItemEmbeddingOptions _options;
    private readonly List<float[]> _input = [];
    private readonly List<float[]> _context = [];
    private readonly List<float[]?> _content = [];
    private readonly Dictionary<int, List<int>> _recent = [];
    private readonly float[] _gradient;
    private SplitMix64 _random;

    /// <summary>Creates an empty model.</summary>
    public ItemEmbeddingModel(ItemEmbeddingOptions? options = null)
    {
        _options = options ?? new ItemEmbeddingOptions();
        _random = new SplitMix64(_options.Seed);
        _gradient = new float[_options.Dimension];
    }

    /// <summary>Vector length.</summary>
    public int Dimension => _options.Dimension;

    /// <summary>Items known (dense indexes below this are valid).</summary>
    public int ItemCount => _input.Count;

    /// <summary>Sets (or replaces) the content vector of an item, e.g. from <see cref="HashedTokenEmbedder"/>.</summary>
    public void SetContent(int item, ReadOnlySpan<float> content)
    {
        if (content.Length != Dimension)
        {
            throw new ArgumentException("content length must equal Dimension", nameof(content));
        }

        Ensure(item);
        _content[item] = content.ToArray();
    }

    /// <summary>Records a positive engagement and trains on the pairs it forms with the user's recent ones.</summary>
    public void Record(int user, int item)
    {
        Ensure(item);
        if (!_recent.TryGetValue(user, out var recent))
        {
            recent = [];
            _recent.Add(user, recent);
        }

        foreach (var other in recent)
        {
            if (other != item)
            {
                Train(item, other);
                Train(other, item);
            }
        }

        recent.Add(item);
        if (recent.Count > _options.Window)
        {
            recent.RemoveAt(0);
        }
    }

    /// <summary>
    /// The item's retrieval embedding, L2-normalised: normalised learned vector plus
    /// <see cref="ItemEmbeddingOptions.ContentWeight"/> × content vector (only content for items nobody engaged yet).
    /// </summary>
    public void Embedding(int item, Span<float> destination)
    {
        destination.Clear();
        if (item >= _input.Count)
        {
            return;
        }

        var learned = _input[item];
        var norm = TensorPrimitives.Norm(learned);
        if (norm > 0)
        {
            TensorPrimitives.Divide(learned, norm, destination);
        }

        if (_content[item] is { } content)
        {
            TensorPrimitives.MultiplyAdd(content, _options.ContentWeight, destination, destination);
        }

        var total = TensorPrimitives.Norm(destination);
        if (total > 0)
        {
            TensorPrimitives.Divide(destination, total, destination);
        }
    }

    /// <summary>Cosine similarity of two items' <see cref="Embedding"/>s.</summary>
    public float Similarity(int a, int b)
    {
        Span<float> x = stackalloc float[Dimension];
        Span<float> y = stackalloc float[Dimension];
        Embedding(a, x);
        Embedding(b, y);
        return TensorPrimitives.Dot(x, y);
    }

    private void Train(int target, int contextItem)
    {
        var v = _input[target];
        _gradient.AsSpan().Clear();
        Step(v, contextItem, 1f);
        for (var n = 0; n < _options.Negatives; n++)
        {
            var negative = _random.NextInt(_input.Count);
            if (negative != contextItem && negative != target)
            {
                Step(v, negative, 0f);
            }
        }

        TensorPrimitives.Add(v, _gradient, v);
    }

    /// <summary>One logistic-loss step on (input v, context of <paramref name="item"/>); accumulates v's update.</summary>
    private void Step(float[] v, int item, float label)
    {
        var c = _context[item];
        var score = TensorPrimitives.Dot(v, c);
        var p = 1f / (1f + MathF.Exp(-Math.Clamp(score, -20f, 20f)));
        var g = _options.LearningRate * (label - p);
        TensorPrimitives.MultiplyAdd(c, g, _gradient, _gradient);
        TensorPrimitives.MultiplyAdd(v, g, c, c);
    }

    private void Ensure(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        while (_input.Count <= item)
        {
            // Small random input vectors, zero context vectors (word2vec's initialisation).
            var v = new float[Dimension];
            for (var d = 0; d < v.Length; d++)
            {
                v[d] = (float)((_random.NextDouble() - 0.5) / Dimension);
            }

            _input.Add(v);
            _context.Add(new float[Dimension]);
            _content.Add(null);
        }
    }
}
