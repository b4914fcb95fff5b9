using Zhongcao.Engine.Retrieval;

namespace Zhongcao.Benchmarks.Ann;

/// <summary>Seeded clustered Gaussian vectors: cluster centres N(0, 1), points centre + N(0, σ²) per dimension.</summary>
public static class AnnData
{
    public static float[][] Clustered(int count, int dim, int clusters, float sigma, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = new float[dim];
            for (var d = 0; d < dim; d++)
            {
                centres[c][d] = Gaussian(ref rng);
            }
        }

        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[rng.NextInt(clusters)];
            var v = new float[dim];
            for (var d = 0; d < dim; d++)
            {
                v[d] = centre[d] + (sigma * Gaussian(ref rng));
            }

            result[i] = v;
        }

        return result;
    }

    private static float Gaussian(ref SplitMix64 rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
