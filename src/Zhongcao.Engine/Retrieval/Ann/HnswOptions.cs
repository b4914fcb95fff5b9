namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Parameters of <see cref="HnswIndex"/>. Defaults follow the HNSW paper (Malkov and Yashunin, 2018) and
/// hnswlib's usual settings: M = 16 links per node on upper layers, 2M on layer 0, efConstruction = 200.
/// </summary>
public sealed record HnswOptions
{
    /// <summary>Vector dimension; every inserted vector and query must have exactly this length.</summary>
    public required int Dimension { get; init; }

    /// <summary>Similarity used for search.</summary>
    public AnnMetric Metric { get; init; } = AnnMetric.Cosine;

    /// <summary>Maximum links per node on layers above 0 (layer 0 keeps twice as many).</summary>
    public int M { get; init; } = 16;

    /// <summary>Beam width while inserting; larger builds slower and gives a better graph.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>
    /// Beam width while re-linking a node whose vector moved (<see cref="HnswIndex.Relink"/>); 0 (the default) uses
    /// <see cref="EfConstruction"/>.
    /// </summary>
    public int RelinkEf { get; init; }

    /// <summary>
    /// Where a re-link searches from: false (the default) descends from the entry point like an insert; true starts each
    /// layer's search at the node itself, whose current links sit around its old place, which is close to the new one
    /// when the vector moved a little, so the descent is skipped and a narrower beam finds the same neighbours.
    /// </summary>
    public bool RelinkFromNode { get; init; }

    /// <summary>Default beam width while searching (raised to k when smaller); larger is slower and more accurate.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>Seed of the level generator: the same seed and insertion order give the same graph.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Initial capacity in vectors (storage grows by doubling).</summary>
    public int InitialCapacity { get; init; } = 1024;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RelinkEf, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialCapacity, 1);
    }
}
