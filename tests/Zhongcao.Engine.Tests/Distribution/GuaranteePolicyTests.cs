using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Distribution;

/// <summary>The guarantee policy: a target within 24 h delivered by a boost, then ordinary ranking.</summary>
public class GuaranteePolicyTests
{
    private static PoolHarness Guarantee()
    {
        var h = new PoolHarness(new DistributionOptions { Policy = DistributionPolicy.Guarantee });
        h.User("author");
        h.Users("v", 300, "skincare");
        h.Publish("n1", "author", "skincare");
        return h;
    }

    [Fact]
    public void The_target_is_base_plus_quality_plus_author_and_meeting_it_hands_over_to_ranking()
    {
        using var h = Guarantee();
        var d = h.Dist("n1");
        Assert.Equal(200, d.Budget); // 100 + 200 × 50/100 + 200 × 0 (neutral authority)
        Assert.Equal(h.Now + TimeSpan.FromHours(24), d.WindowEndsAt);
        h.ViewsLikesFirst("n1", "v", 200, 2); // even a weak note keeps its guarantee; no halt in this policy
        Assert.Equal(DistributionStage.Sustained, d.Stage);
        Assert.False(d.Residual);
        Assert.Equal(TransitionOutcome.GuaranteeMet, d.Transitions[^1].Outcome);
        Assert.Equal(200, d.Transitions[^1].Impressions);
    }

    [Fact]
    public void A_missed_guarantee_is_recorded_at_the_deadline()
    {
        using var h = Guarantee();
        h.Views("n1", "v", 0, 50, 5);
        h.Advance(TimeSpan.FromHours(24));
        h.Tick();
        var t = h.Dist("n1").Transitions[^1];
        Assert.Equal(TransitionOutcome.GuaranteeMissed, t.Outcome);
        Assert.Contains("50 of 200", t.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_boost_rises_as_the_note_falls_behind_schedule()
    {
        using var h = Guarantee();
        var early = Assert.Single(h.Allocate("v250", 3));
        Assert.Equal("pool:guarantee", early.Source);
        h.Advance(TimeSpan.FromHours(20));
        var late = Assert.Single(h.Allocate("v251", 3));
        Assert.True(late.Boost > early.Boost);
    }
}
