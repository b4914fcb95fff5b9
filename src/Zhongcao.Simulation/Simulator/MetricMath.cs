namespace Zhongcao.Simulation.Simulator;

/// <summary>Inequality and rank-correlation functions used by the simulator's metrics.</summary>
public static class MetricMath
{
    /// <summary>Gini coefficient of non-negative values: 0 when all are equal, near 1 when one holds everything. Empty or all-zero → 0.</summary>
    public static double Gini(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double sum = 0, weighted = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            sum += sorted[i];
            weighted += (i + 1) * sorted[i];
        }

        if (sorted.Length == 0 || sum <= 0)
        {
            return 0;
        }

        var n = sorted.Length;
        return ((2 * weighted) / (n * sum)) - ((n + 1.0) / n);
    }

    /// <summary>Share of the total held by the top <paramref name="fraction"/> of items (at least one item).</summary>
    public static double TopShare(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.OrderByDescending(v => v).ToArray();
        var total = sorted.Sum();
        if (sorted.Length == 0 || total <= 0)
        {
            return 0;
        }

        var k = Math.Max(1, (int)Math.Ceiling(sorted.Length * fraction));
        return sorted.Take(k).Sum() / total;
    }

    /// <summary>Lorenz curve at <paramref name="points"/> + 1 evenly spaced population shares: (share of items, share of total), poorest first.</summary>
    public static IReadOnlyList<double[]> Lorenz(IReadOnlyList<double> values, int points = 20)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var total = sorted.Sum();
        var curve = new List<double[]> { new[] { 0.0, 0.0 } };
        if (sorted.Length == 0 || total <= 0)
        {
            curve.Add([1.0, 1.0]);
            return curve;
        }

        var running = 0.0;
        var next = 1;
        for (var i = 0; i < sorted.Length; i++)
        {
            running += sorted[i];
            var x = (i + 1.0) / sorted.Length;
            if (x >= (double)next / points || i == sorted.Length - 1)
            {
                curve.Add([Math.Round(x, 4), Math.Round(running / total, 4)]);
                while ((double)next / points <= x)
                {
                    next++;
                }
            }
        }

        return curve;
    }

    /// <summary>Spearman rank correlation (average ranks for ties); 0 when either side is constant or fewer than 2 pairs.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Both sides need the same length.", nameof(y));
        }

        if (x.Count < 2)
        {
            return 0;
        }

        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
