namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>One search result: the caller's key and its similarity to the query (cosine or inner product).</summary>
/// <param name="Key">The key the vector was inserted under.</param>
/// <param name="Score">Similarity; higher is nearer.</param>
public readonly record struct AnnHit(int Key, float Score);
