using Zhongcao.Simulation.Simulator;

namespace Zhongcao.Simulation.Tests.Simulator;

public class MetricMathTests
{
    [Fact]
    public void Gini_is_zero_for_equal_values_and_three_quarters_when_one_of_four_holds_everything()
    {
        Assert.Equal(0, MetricMath.Gini([5, 5, 5, 5]), 9);
        Assert.Equal(0.75, MetricMath.Gini([0, 0, 0, 10]), 9);
        Assert.Equal(0, MetricMath.Gini([]));
        Assert.Equal(0, MetricMath.Gini([0, 0]));
    }

    [Fact]
    public void Gini_of_one_to_four_matches_the_textbook_value()
    {
        // Mean absolute difference of {1,2,3,4} is 1.25; Gini = 1.25 / (2 * 2.5) = 0.25.
        Assert.Equal(0.25, MetricMath.Gini([4, 1, 3, 2]), 9);
    }

    [Fact]
    public void Spearman_is_one_for_monotone_minus_one_for_reversed_and_handles_ties()
    {
        Assert.Equal(1, MetricMath.Spearman([1, 2, 3, 4], [10, 20, 35, 1000]), 9);
        Assert.Equal(-1, MetricMath.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 9);
        // Ties get average ranks: x ranks 1,2,3,4; y ranks 1.5,1.5,3,4 → r = 4.5 / sqrt(5 * 4.5).
        Assert.Equal(4.5 / Math.Sqrt(5 * 4.5), MetricMath.Spearman([1, 2, 3, 4], [7, 7, 8, 9]), 9);
        Assert.Equal(0, MetricMath.Spearman([1, 2, 3], [5, 5, 5]));
    }

    [Fact]
    public void Lorenz_runs_from_origin_to_one_and_lies_on_the_diagonal_for_equal_values()
    {
        var curve = MetricMath.Lorenz([1, 1, 1, 1], points: 4);
        Assert.Equal([0.0, 0.0], curve[0]);
        Assert.Equal([1.0, 1.0], curve[^1]);
        Assert.All(curve, p => Assert.Equal(p[0], p[1], 6));
        var skewed = MetricMath.Lorenz([0, 0, 0, 4], points: 4);
        Assert.Equal([0.75, 0.0], skewed[^2]);
    }

    [Fact]
    public void Top_share_takes_at_least_one_item()
    {
        Assert.Equal(0.5, MetricMath.TopShare([5, 1, 1, 1, 1, 1], 0.01), 9);
        Assert.Equal(0, MetricMath.TopShare([], 0.1));
    }
}
