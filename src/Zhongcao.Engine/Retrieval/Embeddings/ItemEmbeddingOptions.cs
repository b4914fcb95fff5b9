namespace Zhongcao.Engine.Retrieval.Embeddings;

/// <summary>Parameters of <see cref="ItemEmbeddingModel"/> (item2vec-style skip-gram with negative sampling).</summary>
public sealed record ItemEmbeddingOptions
{
    /// <summary>Vector length (same as the content embedding, so the two can be blended).</summary>
    public int Dimension { get; init; } = 64;

    /// <summary>SGD learning rate.</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>Negative samples per positive pair.</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>How many of the user's latest engagements pair with a new one.</summary>
    public int Window { get; init; } = 10;

    /// <summary>Weight of the content (hashed-token) vector in <see cref="ItemEmbeddingModel.Embedding"/>.</summary>
    public float ContentWeight { get; init; } = 0.5f;

    /// <summary>Seed of initial vectors and negative sampling.</summary>
    public ulong Seed { get; init; } = 17;
}
