namespace Zhongcao.Engine.Distribution;

/// <summary>
/// Wilson score interval of a proportion. A pool is judged on the lower bound so that a high rate from a
/// small sample is not over-trusted (engineering: Reddit's ranking, z≈1.28 ≈ 80% two-sided / 90% one-sided).
/// Weighted actions are treated as pseudo-successes, capped at the number of trials.
/// </summary>
public static class WilsonInterval
{
    /// <summary>Lower and upper bound for <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    public static (double Lower, double Upper) Of(double successes, double trials, double z)
    {
        if (trials <= 0)
        {
            return (0, 1);
        }

        return FromProportion(Math.Clamp(successes / trials, 0, 1), trials, z);
    }

    /// <summary>The bounds for proportion <paramref name="p"/> (in [0, 1]) of <paramref name="trials"/> (&gt; 0): what <see cref="Of"/> computes once it has the proportion.</summary>
    internal static (double Lower, double Upper) FromProportion(double p, double trials, double z)
    {
        var z2 = z * z;
        var denominator = 1 + (z2 / trials);
        var centre = p + (z2 / (2 * trials));
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4 * trials * trials)));
        return (Math.Max(0, (centre - margin) / denominator), Math.Min(1, (centre + margin) / denominator));
    }
}
