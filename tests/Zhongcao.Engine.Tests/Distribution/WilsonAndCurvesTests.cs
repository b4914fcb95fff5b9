using Zhongcao.Engine.Distribution;

namespace Zhongcao.Engine.Tests.Distribution;

public class WilsonAndCurvesTests
{
    [Fact]
    public void Wilson_lower_bound_shrinks_small_samples_more()
    {
        var small = WilsonInterval.Of(3, 20, 1.28);
        var large = WilsonInterval.Of(30, 200, 1.28);
        Assert.True(small.Lower < large.Lower);
        Assert.True(small.Upper > large.Upper);
        Assert.InRange(large.Lower, 0.11, 0.13);
        Assert.Equal((0.0, 1.0), WilsonInterval.Of(0, 0, 1.28));
    }

    [Fact]
    public void Freshness_fades_over_72_hours_but_never_to_zero_and_evergreen_is_exempt()
    {
        var period = TimeSpan.FromHours(72);
        Assert.Equal(1, Freshness.Boost(TimeSpan.Zero, period, 0.15, false));
        Assert.InRange(Freshness.Boost(TimeSpan.FromHours(36), period, 0.15, false), 0.57, 0.58);
        Assert.Equal(0.15, Freshness.Boost(TimeSpan.FromHours(72), period, 0.15, false));
        Assert.Equal(0.15, Freshness.Boost(TimeSpan.FromDays(365), period, 0.15, false));
        Assert.Equal(1, Freshness.Boost(TimeSpan.FromDays(365), period, 0.15, true));
    }

    [Fact]
    public void Fatigue_follows_x_author_diversity_formula()
    {
        Assert.Equal(1, Freshness.Fatigue(0, 0.25, 0.5));
        Assert.Equal(0.625, Freshness.Fatigue(1, 0.25, 0.5));
        Assert.Equal(0.4375, Freshness.Fatigue(2, 0.25, 0.5));
        Assert.InRange(Freshness.Fatigue(30, 0.25, 0.5), 0.25, 0.2501);
    }

    [Fact]
    public void Guarantee_boost_grows_when_delivery_falls_behind_and_stops_at_the_target()
    {
        var onTime = Freshness.GuaranteeBoost(0.5, 0.5, 3);
        var behind = Freshness.GuaranteeBoost(0.8, 0.1, 3);
        Assert.True(behind > onTime);
        Assert.Equal(0, Freshness.GuaranteeBoost(0.9, 1.0, 3));
        Assert.Equal(3, Freshness.GuaranteeBoost(1, 0, 3));
    }

    [Fact]
    public void Weight_presets_follow_their_sources()
    {
        var h = EngagementWeights.Hierarchy();
        Assert.True(h.Share > h.Save && h.Save > h.Comment && h.Comment > h.Like && h.Like > h.Follow && h.Follow > h.Click && h.Click > h.LongDwell);
        Assert.InRange(h.Save / h.Like, 3, 5);
        Assert.True(h.Report < h.NotInterested && h.NotInterested < 0);
        var c = EngagementWeights.Ces();
        Assert.Equal([1, 1, 1, 2, 4, 8], new[] { c.Like, c.Save, c.Share, c.Completion, c.Comment, c.Follow });
    }

    [Fact]
    public void Season_calendar_opens_before_the_season_and_wraps_the_year()
    {
        var winter = SeasonCalendar.Default().Single(s => s.Name == "winter");
        Assert.True(SeasonCalendar.IsOpen(winter, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), 14));
        Assert.True(SeasonCalendar.IsOpen(winter, new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), 14));
        Assert.False(SeasonCalendar.IsOpen(winter, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), 14));
    }

    [Fact]
    public void Experiment_arms_are_stable_per_author_and_split_by_weight()
    {
        var o = new DistributionOptions();
        o.Arms.Add(new DistributionArm { Name = "A", Policy = DistributionPolicy.Pools, Weight = 1 });
        o.Arms.Add(new DistributionArm { Name = "B", Policy = DistributionPolicy.Guarantee, Weight = 1 });
        var guarantee = Enumerable.Range(0, 2000).Count(i => ExperimentArms.PolicyOf(o, "author" + i) == DistributionPolicy.Guarantee);
        Assert.InRange(guarantee, 850, 1150);
        Assert.Equal(ExperimentArms.PolicyOf(o, "someone"), ExperimentArms.PolicyOf(o, "someone"));
        Assert.Equal(DistributionPolicy.Pools, ExperimentArms.PolicyOf(new DistributionOptions(), "anyone"));
    }
}
