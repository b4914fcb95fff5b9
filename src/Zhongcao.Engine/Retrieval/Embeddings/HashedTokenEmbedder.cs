using System.Numerics.Tensors;
using Zhongcao.Engine.Identity;

namespace Zhongcao.Engine.Retrieval.Embeddings;

/// <summary>
/// Content embedding of a note from its tokens by feature hashing (the "hashing trick", Weinberger et al.
/// 2009): each token adds ±weight at <see cref="ProbesPerToken"/> positions chosen by its stable hash, and
/// the sum is L2-normalised. Notes sharing tokens or tags get similar vectors with no vocabulary to train
/// or store, and a brand-new note has an embedding the moment it is published (item cold start).
/// Deterministic across processes: positions come from <see cref="StableHash"/>, never string.GetHashCode.
/// </summary>
public sealed class HashedTokenEmbedder
{
    /// <summary>Creates an embedder producing vectors of <paramref name="dimension"/> floats.</summary>
    public HashedTokenEmbedder(int dimension = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 8);
        Dimension = dimension;
    }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>Positions each token touches; several probes make collisions between two tokens rarely total.</summary>
    public int ProbesPerToken { get; init; } = 4;

    /// <summary>Weight of a tag relative to a body token (tags are the author's own summary of the note).</summary>
    public float TagWeight { get; init; } = 2f;

    /// <summary>Embeds body/title tokens and tags into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    public void Embed(IEnumerable<string> tokens, IEnumerable<string> tags, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(tags);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException("destination length must equal Dimension", nameof(destination));
        }

        destination.Clear();
        foreach (var t in tokens)
        {
            Add('w', t, 1f, destination);
        }

        foreach (var t in tags)
        {
            Add('t', t, TagWeight, destination);
        }

        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0)
        {
            TensorPrimitives.Divide(destination, norm, destination);
        }
    }

    /// <summary>Convenience overload returning a new array.</summary>
    public float[] Embed(IEnumerable<string> tokens, IEnumerable<string> tags)
    {
        var v = new float[Dimension];
        Embed(tokens, tags, v);
        return v;
    }

    /// <summary>Adds the feature "<paramref name="kind"/>:<paramref name="token"/>" (hashed without building the string).</summary>
    private void Add(char kind, string token, float weight, Span<float> v)
    {
        var length = token.Length + 2;
        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        buffer[0] = kind;
        buffer[1] = ':';
        token.CopyTo(buffer[2..]);
        var h = StableHash.Hash64(buffer);
        for (var p = 0; p < ProbesPerToken; p++)
        {
            h = StableHash.Mix(h + (ulong)p + 0x9E3779B97F4A7C15UL);
            var index = (int)(h % (ulong)Dimension);
            var sign = (h >> 63) == 0 ? 1f : -1f;
            v[index] += sign * weight;
        }
    }
}
