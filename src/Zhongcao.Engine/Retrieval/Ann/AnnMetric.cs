namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>How an ANN index compares vectors. Both are "higher score is nearer".</summary>
public enum AnnMetric
{
    /// <summary>Cosine similarity: vectors are L2-normalised on insert and on query, then compared by dot product.</summary>
    Cosine = 0,

    /// <summary>Raw inner product (maximum inner-product search); vectors are stored as given.</summary>
    InnerProduct = 1,
}
