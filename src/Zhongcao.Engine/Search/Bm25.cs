namespace Zhongcao.Engine.Search;

/// <summary>
/// Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) with
/// the usual k1 = 1.2, b = 0.75 and the non-negative idf ln(1 + (N − df + 0.5) / (df + 0.5)) that Lucene uses.
/// </summary>
public static class Bm25
{
    /// <summary>Term-frequency saturation.</summary>
    public const double K1 = 1.2;

    /// <summary>Length normalisation.</summary>
    public const double B = 0.75;

    /// <summary>Inverse document frequency.</summary>
    public static double Idf(int documents, int documentFrequency) =>
        Math.Log(1 + ((documents - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    /// <summary>One term's contribution to a document's score.</summary>
    public static double Term(double idf, int tf, int length, double averageLength) =>
        idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * length / Math.Max(1e-9, averageLength)))));
}
