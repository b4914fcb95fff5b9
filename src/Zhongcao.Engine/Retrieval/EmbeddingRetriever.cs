using Zhongcao.Engine.Retrieval.Ann;
using Zhongcao.Engine.Retrieval.Embeddings;

namespace Zhongcao.Engine.Retrieval;

/// <summary>
/// Embedding candidate source for the feed: keeps an <see cref="HnswIndex"/> of note embeddings from an
/// <see cref="ItemEmbeddingModel"/> in step with it, and retrieves the notes nearest to a query vector
/// (a user's interest embedding, or a note's own embedding for "related notes").
/// The feed calls <see cref="Refresh"/> for notes whose embedding changed (newly published, or engaged since
/// the last refresh); a refresh is an upsert, so the index tracks online learning without rebuilds.
/// </summary>
public sealed class EmbeddingRetriever
{
    private readonly ItemEmbeddingModel _model;
    private readonly HnswIndex _index;
    private readonly float[] _buffer;

    /// <summary>Creates a retriever over <paramref name="model"/>'s embeddings (cosine HNSW with the given seed).</summary>
    public EmbeddingRetriever(ItemEmbeddingModel model, ulong seed = 42)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _index = new HnswIndex(new HnswOptions { Dimension = model.Dimension, Metric = AnnMetric.Cosine, Seed = seed });
        _buffer = new float[model.Dimension];
    }

    /// <summary>The underlying index (for counts and tuning).</summary>
    public HnswIndex Index => _index;

    /// <summary>Re-reads the embedding of <paramref name="item"/> and upserts it.</summary>
    public void Refresh(int item)
    {
        _model.Embedding(item, _buffer);
        _index.Upsert(item, _buffer);
    }

    /// <summary>Removes a deleted or hidden note from retrieval.</summary>
    public bool Remove(int item) => _index.Remove(item);

    /// <summary>The <paramref name="k"/> notes nearest to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<AnnHit> Nearest(ReadOnlySpan<float> query, int k, int ef = 64) => _index.Search(query, k, ef);
}
