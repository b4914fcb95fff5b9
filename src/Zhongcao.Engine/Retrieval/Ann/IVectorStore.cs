namespace Zhongcao.Engine.Retrieval.Ann;

/// <summary>
/// Vectors an <see cref="HnswIndex"/> reads by key instead of copying them: the index asks for dot products against
/// a query and, while linking a node, for a decoded copy. Implemented by <see cref="SegmentedVectors"/> (floats) and
/// <see cref="QuantizedVectors"/> and <see cref="Quantized16Vectors"/> (8- and 16-bit codes with a scale per vector, one
/// <see cref="CodedVectors{TCode, TWidth}"/> store).
/// </summary>
public interface IVectorStore
{
    /// <summary>Components per vector.</summary>
    int Dimension { get; }

    /// <summary>Σ query[i] · vector(<paramref name="index"/>)[i], the stored vector as decoded by <see cref="CopyTo"/>.</summary>
    float Dot(ReadOnlySpan<float> query, int index);

    /// <summary>Writes the (decoded) vector at <paramref name="index"/> into <paramref name="destination"/>.</summary>
    void CopyTo(int index, Span<float> destination);

    /// <summary>Reads the first bytes of a vector so its cache line is loading before the dot product needs it.</summary>
    float Touch(int index);
}
