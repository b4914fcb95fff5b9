using Zhongcao.Simulation.Simulator;

namespace Zhongcao.Simulation.Tests.Simulator;

public class BehaviourModelTests
{
    [Fact]
    public void A_neutral_impression_is_clicked_at_the_documented_base_rate()
    {
        var p = BehaviourModel.ClickProbability(BehaviourModel.NeutralAffinity, 0.5, follows: false, promotional: false, position: 0, fatigue: 0);
        Assert.Equal(BehaviourModel.BaseCtr, p, 9);
    }

    [Fact]
    public void Drawn_behaviour_on_a_neutral_population_matches_the_base_rates()
    {
        var random = new Random(3);
        int clicks = 0, likes = 0, saves = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            var o = BehaviourModel.Draw(random, BehaviourModel.NeutralAffinity, 0.5, false, false, false, 0, 0);
            clicks += o.Click ? 1 : 0;
            likes += o.Like ? 1 : 0;
            saves += o.Save ? 1 : 0;
        }

        Assert.InRange((double)clicks / n, 0.095, 0.105);
        // Quick bounces (no further action) take a share of clicks, so per-click rates sit a little under the nominal ones.
        Assert.InRange((double)likes / clicks, BehaviourModel.LikePerClick * 0.8, BehaviourModel.LikePerClick * 1.1);
        Assert.InRange((double)saves / clicks, BehaviourModel.SavePerClick * 0.75, BehaviourModel.SavePerClick * 1.15);
    }

    [Fact]
    public void Quality_and_interest_raise_the_click_probability_and_position_lowers_it()
    {
        double P(double a, double q, int pos) => BehaviourModel.ClickProbability(a, q, false, false, pos, 0);
        Assert.True(P(0.35, 0.9, 0) > P(0.35, 0.5, 0));
        Assert.True(P(1.0, 0.5, 0) > P(0.35, 0.5, 0));
        Assert.True(P(0.35, 0.5, 10) < P(0.35, 0.5, 0));
    }
}
