using Zhongcao.Engine.Retrieval;

namespace Zhongcao.Engine.Tests.Retrieval;

/// <summary>Seeded clustered Gaussian vectors (the hard case for graph indexes: dense clusters, sparse between).</summary>
internal static class ClusteredVectors
{
    public static float[][] Make(int count, int dim, int clusters, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = new float[dim];
            for (var d = 0; d < dim; d++)
            {
                centres[c][d] = (float)Gaussian(ref rng);
            }
        }

        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[rng.NextInt(clusters)];
            var v = new float[dim];
            for (var d = 0; d < dim; d++)
            {
                v[d] = centre[d] + (0.35f * (float)Gaussian(ref rng));
            }

            result[i] = v;
        }

        return result;
    }

    private static double Gaussian(ref SplitMix64 rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
