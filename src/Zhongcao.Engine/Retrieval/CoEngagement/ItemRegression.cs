using System.Numerics.Tensors;

namespace Zhongcao.Engine.Retrieval.CoEngagement;

/// <summary>
/// Item-to-item regression weights refit in batch from the co-engagement counts: each item's column of the
/// user–item matrix is regressed on all the other items' columns with an L2 penalty and a zero diagonal
/// (the closed form of Steck, "Embarrassingly Shallow Autoencoders", WWW 2019):
/// P = (G + λI)⁻¹, B[i, j] = −P[i, j] / P[j, j], B[j, j] = 0, where G is the item Gram matrix (co-engagement
/// counts, degrees on the diagonal). Unlike cosine neighbours, the regression discounts items that are
/// only co-engaged because both are popular, which is what ranks well on dense catalogues.
/// Cost is O(n³) time and O(n²) memory in the number of items, so the feed refits it periodically over the
/// most-engaged n (a few thousand) items and uses <see cref="CoEngagementGraph"/> neighbours for the rest.
/// Deterministic: a fixed elimination order over the same counts gives the same weights.
/// </summary>
public sealed class ItemRegression
{
    private readonly float[][] _weights;

    private ItemRegression(float[][] weights) => _weights = weights;

    /// <summary>Number of items covered (dense indexes 0..n-1).</summary>
    public int ItemCount => _weights.Length;

    /// <summary>
    /// Fits the weights from the raw co-engagement counts of items 0..<paramref name="itemCount"/>-1 in
    /// <paramref name="graph"/> (which should be built with unit weights and no user-activity discount,
    /// so that its counts are exactly the Gram matrix). <paramref name="lambda"/> is the L2 penalty.
    /// </summary>
    public static ItemRegression Fit(CoEngagementGraph graph, int itemCount, double lambda)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        var n = itemCount;

        // Augmented [G + λI | I], one row per item, in double precision (counts reach the thousands).
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[2 * n];
            for (var j = 0; j < n; j++)
            {
                row[j] = i == j ? graph.Degree(i) + lambda : graph.CoCount(i, j);
            }

            row[n + i] = 1;
            rows[i] = row;
        }

        Invert(rows, n);
        var weights = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var w = new float[n];
            for (var j = 0; j < n; j++)
            {
                w[j] = i == j ? 0f : (float)(-rows[i][n + j] / rows[j][n + j]);
            }

            weights[i] = w;
        }

        return new ItemRegression(weights);
    }

    /// <summary>Adds Σ over the history of each history item's weight row to <paramref name="scores"/>.</summary>
    public void Score(ReadOnlySpan<int> history, ReadOnlySpan<float> historyWeights, Span<float> scores)
    {
        var n = Math.Min(scores.Length, _weights.Length);
        for (var h = 0; h < history.Length; h++)
        {
            var item = history[h];
            if (item >= _weights.Length)
            {
                continue;
            }

            var w = historyWeights.IsEmpty ? 1f : historyWeights[h];
            var target = scores[..n];
            TensorPrimitives.MultiplyAdd(_weights[item].AsSpan(0, n), w, target, target);
        }
    }

    /// <summary>
    /// Gauss–Jordan inversion of a symmetric positive-definite matrix (no pivoting needed) on augmented rows.
    /// Row k is non-zero only in columns k..n+k at step k, so each update touches n+1 entries: n³ in all.
    /// </summary>
    private static void Invert(double[][] rows, int n)
    {
        for (var k = 0; k < n; k++)
        {
            var pivotRow = rows[k];
            var live = pivotRow.AsSpan(k, n + 1);
            TensorPrimitives.Multiply(live, 1.0 / pivotRow[k], live);
            for (var i = 0; i < n; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var f = rows[i][k];
                if (f == 0)
                {
                    continue;
                }

                var target = rows[i].AsSpan(k, n + 1);
                TensorPrimitives.MultiplyAdd(live, -f, target, target);
            }
        }
    }
}
